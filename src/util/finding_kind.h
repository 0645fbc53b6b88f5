/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * finding_kind.h - the kind of a finding: its message with the quoted
 * values and the numbers taken out, so that "'31-02-2024' is not a date
 * (line 12)" and "'x' is not a date (line 13)" are one kind. The batch
 * report groups its findings by it (cli/report_html.c) and convert
 * caps repeated findings by it (cli/convert_cap.c): one decision, so
 * that a kind the report shows is the kind convert counted.
 */
#ifndef L2E_UTIL_FINDING_KIND_H
#define L2E_UTIL_FINDING_KIND_H

#include <stddef.h>

/**
 * The kind of `msg` into `out` (`size` bytes, at least 4), always
 * terminated: a value in matching single or double quotes becomes "…"
 * (U+2026), a run of digits "N", everything else stays. A quote without
 * its mate is an apostrophe and stays. A kind longer than `size` - 4
 * bytes is cut there (texts that differ only beyond are one kind).
 * @return the length of the kind
 */
size_t l2e__finding_kind(char *out, size_t size, const char *msg);

#endif
