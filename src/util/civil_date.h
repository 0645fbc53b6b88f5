/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * civil_date.h - the one calendar: which dates exist (proleptic
 * Gregorian, as ISO 8601 and the XSD date types count).
 */
#ifndef L2E_UTIL_CIVIL_DATE_H
#define L2E_UTIL_CIVIL_DATE_H

/** 1 when `year` has 29 February. */
int l2e__is_leap_year(long year);

/** Days in `month` (1-12) of `year`; 0 for a month outside 1-12. */
int l2e__days_in_month(long year, int month);

/** 1 when year-month-day is a real day (month 1-12, day 1-last). */
int l2e__date_exists(long year, int month, int day);

/**
 * Days from 1970-01-01 to year-month-day (negative before it), for a
 * date that exists. Howard Hinnant's days_from_civil: exact for every
 * year a long holds, no tables, no time zone.
 */
long long l2e__days_from_civil(long year, int month, int day);
/** Year, month and day of a day number (days since 1970-01-01). */
void l2e__civil_from_days(long long days, long *year, int *month, int *day);

#endif
