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
