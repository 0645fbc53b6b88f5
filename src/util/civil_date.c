/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * civil_date.c - the one calendar (see civil_date.h).
 */
#include "util/civil_date.h"

int l2e__is_leap_year(long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int l2e__days_in_month(long year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
		                    31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && l2e__is_leap_year(year));
}

int l2e__date_exists(long year, int month, int day)
{
	return day >= 1 && day <= l2e__days_in_month(year, month);
}

long long l2e__days_from_civil(long year, int month, int day)
{
	long long y = (long long)year - (month <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy =
	    (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The inverse of l2e__days_from_civil (the same algorithm, backwards). */
void l2e__civil_from_days(long long days, long *year, int *month, int *day)
{
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = (long)(yoe + era * 400 + (m <= 2));
}
