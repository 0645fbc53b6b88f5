/*
 * date.c - date patterns (see date.h).
 */
#include "date.h"

#include <string.h>

const char *const l2e__date_iso_formats[] = {
	"jjjj-mm-dd", "jjjj-mm", "jjjj", NULL
};

static int is_field_char(char c)
{
	return c == 'j' || c == 'y' || c == 'm' || c == 'd';
}

int l2e__date_format_valid(const char *f)
{
	int has_year = 0, has_month = 0, has_day = 0;
	size_t run;

	if (!*f)
		return 0;
	while (*f) {
		if (!is_field_char(*f)) {
			f++;
			continue;
		}
		for (run = 1; f[run] == f[0]; run++)
			;
		if (f[0] == 'j' || f[0] == 'y') {
			if (has_year || run != 4)
				return 0;
			has_year = 1;
		} else if (f[0] == 'm') {
			if (has_month || run > 2)
				return 0;
			has_month = 1;
		} else {
			if (has_day || run > 2)
				return 0;
			has_day = 1;
		}
		f += run;
	}
	/* a day needs a month, a month needs a year */
	return has_year && (!has_day || has_month);
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int l2e__date_parse(l2e__date *out, const char *text, const char *f,
                    const char **why)
{
	const char *t = text;
	int year = 0, month = 0, day = 0, value;
	int has_month = 0, has_day = 0;
	size_t run, n, k;

	*why = NULL;
	while (*f) {
		if (!is_field_char(*f)) {
			if (*t != *f)
				return 0;
			t++;
			f++;
			continue;
		}
		for (run = 1; f[run] == f[0]; run++)
			;
		for (n = 0; t[n] >= '0' && t[n] <= '9' && n < 4; n++)
			;
		/* one letter: one or two digits; a run: exactly that many */
		if (run == 1 ? (n < 1 || n > 2) : n < run)
			return 0;
		if (run > 1)
			n = run;
		for (value = 0, k = 0; k < n; k++)
			value = value * 10 + (t[k] - '0');
		if (f[0] == 'j' || f[0] == 'y') {
			year = value;
		} else if (f[0] == 'm') {
			month = value;
			has_month = 1;
		} else {
			day = value;
			has_day = 1;
		}
		t += n;
		f += run;
	}
	if (*t)
		return 0;
	if (year < 1900 || year > 2100) {
		*why = "year outside 1900..2100";
		return -1;
	}
	if (has_month && (month < 1 || month > 12)) {
		*why = "month outside 1..12";
		return -1;
	}
	if (has_day && (day < 1 || day > days_in_month(year, month))) {
		*why = "day does not exist in that month";
		return -1;
	}
	out->year = year;
	out->month = month;
	out->day = day;
	return 1;
}
