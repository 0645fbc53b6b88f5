/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * date.h - tolerant parsing of the dates Dutch exports contain.
 *
 * A format is a pattern: j or y = year digit, m = month digit, d = day
 * digit, anything else literal. A single d or m takes one or two digits
 * ("d-m-jjjj" reads 2-9-2024 and 02-09-2024); a run takes exactly that
 * many. "jj" is a two-digit year (00-69 -> 20xx, 70-99 -> 19xx, with a
 * note). A final "*" ignores the rest ("jjjj-mm-dd*" reads the date of
 * an ISO date-time). Two keywords: "tekst" reads Dutch textual dates
 * ("3 mrt. 2025", "maart 2025", "sept 2024"), "excel" reads spreadsheet
 * serial numbers (45537 = 2024-09-02). Precision is kept: "jjjj-mm"
 * gives a month, "jjjj" a year. Dates must exist (no 31-02) and years
 * lie in 1900..2100.
 */
#ifndef L2E_MAP_DATE_H
#define L2E_MAP_DATE_H

#include "model/profile.h"

/** 1 if `format` is a pattern this parser understands. */
int l2e__date_format_valid(const char *format);

/**
 * Parse `text` with `format`. Returns 1 and fills *out on success (then
 * *why, if not NULL, is a note worth a warning), 0 if the text does not
 * have the format, -1 if it has the format but is no real date (then
 * *why says so).
 */
int l2e__date_parse(l2e__date *out, const char *text, const char *format,
                    const char **why);

/** Formats used when a date rule names none: ISO with any precision. */
extern const char *const l2e__date_iso_formats[];

#endif
