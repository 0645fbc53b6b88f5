/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * date.c - date patterns, Dutch textual dates and Excel serials
 * (see date.h).
 */
#include "date.h"

#include <string.h>

#include "util/civil_date.h"

const char *const l2e__date_iso_formats[] = { "jjjj-mm-dd", "jjjj-mm", "jjjj",
	                                      NULL };

static int is_field_char(char c)
{
	return c == 'j' || c == 'y' || c == 'm' || c == 'd';
}

static int is_keyword(const char *f)
{
	return !strcmp(f, "excel") || !strcmp(f, "tekst");
}

int l2e__date_format_valid(const char *f)
{
	int has_year = 0, has_month = 0, has_day = 0;
	size_t run;

	if (is_keyword(f))
		return 1;
	if (!*f)
		return 0;
	while (*f) {
		if (*f == '*') /* only at the end */
			return f[1] == '\0' && has_year &&
			       (!has_day || has_month);
		if (!is_field_char(*f)) {
			f++;
			continue;
		}
		for (run = 1; f[run] == f[0]; run++)
			;
		if (f[0] == 'j' || f[0] == 'y') {
			if (has_year || (run != 4 && run != 2))
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

static int check(l2e__date *out, int year, int month, int day, int has_month,
                 int has_day, const char **why)
{
	if (year < 1900 || year > 2100) {
		*why = "year outside 1900..2100";
		return -1;
	}
	if (has_month && (month < 1 || month > 12)) {
		*why = "month outside 1..12";
		return -1;
	}
	if (has_day &&
	    (!has_month || day < 1 || day > l2e__days_in_month(year, month))) {
		*why = "day does not exist in that month";
		return -1;
	}
	out->year = year;
	out->month = has_month ? month : 0;
	out->day = has_day ? day : 0;
	return 1;
}

/* ==== Excel serial numbers (1900 date system) ==== */

static int parse_excel(l2e__date *out, const char *t, const char **why)
{
	long n = 0, y;
	int m, d;
	size_t i;

	for (i = 0; t[i]; i++) {
		if (t[i] < '0' || t[i] > '9' || i >= 6)
			return 0;
		n = n * 10 + (t[i] - '0');
	}
	if (i == 0)
		return 0;
	/* serial 1 is 1900-01-01; Excel's day 0 is 1899-12-30 (it counts a
	 * 29 February 1900 that never was), which is 25569 days before 1970 */
	if (n < 61) {
		*why = "Excel serial number before March 1900";
		return -1;
	}
	l2e__civil_from_days(n - 25569, &y, &m, &d);
	return check(out, (int)y, m, d, 1, 1, why);
}

/* ==== Dutch textual dates: "3 mrt. 2025", "maart 2025", "sept 2024" ==== */

static const struct {
	const char *name;
	int month;
} month_names[] = {
	{ "januari", 1 },   { "jan", 1 },      { "februari", 2 },
	{ "febr", 2 },      { "feb", 2 },      { "maart", 3 },
	{ "mrt", 3 },       { "maa", 3 },      { "mar", 3 },
	{ "april", 4 },     { "apr", 4 },      { "mei", 5 },
	{ "juni", 6 },      { "jun", 6 },      { "juli", 7 },
	{ "jul", 7 },       { "augustus", 8 }, { "aug", 8 },
	{ "september", 9 }, { "sept", 9 },     { "sep", 9 },
	{ "oktober", 10 },  { "okt", 10 },     { "oct", 10 },
	{ "november", 11 }, { "nov", 11 },     { "december", 12 },
	{ "dec", 12 },
};

static int month_from_word(const char *w, size_t len)
{
	char lower[16];
	size_t i;

	if (len == 0 || len >= sizeof(lower))
		return 0;
	for (i = 0; i < len; i++)
		lower[i] =
		    (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	lower[len] = '\0';
	for (i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++)
		if (!strcmp(lower, month_names[i].name))
			return month_names[i].month;
	return 0;
}

static int parse_text(l2e__date *out, const char *t, const char **why)
{
	int day = 0, month, year = 0, has_day = 0;
	const char *w;
	size_t n;

	while (*t == ' ')
		t++;
	if (*t >= '0' && *t <= '9') {
		/* count every digit, but add up only as many as can fit:
		 * a long run must not overflow (UBSan) before it is refused */
		for (n = 0; t[n] >= '0' && t[n] <= '9'; n++)
			if (n < 2)
				day = day * 10 + (t[n] - '0');
		if (n > 2 || t[n] != ' ')
			return 0;
		has_day = 1;
		for (t += n; *t == ' '; t++)
			;
	}
	for (w = t; (*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z'); t++)
		;
	if (!(month = month_from_word(w, (size_t)(t - w))))
		return 0;
	if (*t == '.')
		t++;
	if (*t != ' ')
		return 0;
	while (*t == ' ')
		t++;
	for (n = 0; t[n] >= '0' && t[n] <= '9'; n++)
		if (n < 4)
			year = year * 10 + (t[n] - '0');
	if (n != 4)
		return 0;
	t += n;
	while (*t == ' ')
		t++;
	if (*t)
		return 0;
	return check(out, year, month, day, 1, has_day, why);
}

/* ==== Patterns ==== */

static int is_digit_char(char c)
{
	return c >= '0' && c <= '9';
}

/* DDDD-DD-DD and nothing after it */
static int is_iso_day(const char *t)
{
	return is_digit_char(t[0]) && is_digit_char(t[1]) &&
	       is_digit_char(t[2]) && is_digit_char(t[3]) && t[4] == '-' &&
	       is_digit_char(t[5]) && is_digit_char(t[6]) && t[7] == '-' &&
	       is_digit_char(t[8]) && is_digit_char(t[9]) && t[10] == '\0';
}

static int digits_at(const char *t, size_t n)
{
	int value = 0;
	size_t k;

	for (k = 0; k < n; k++)
		value = value * 10 + (t[k] - '0');
	return value;
}

int l2e__date_parse(l2e__date *out, const char *text, const char *f,
                    const char **why)
{
	const char *t = text;
	int year = 0, month = 0, day = 0, value, rc;
	int has_month = 0, has_day = 0, short_year = 0;
	size_t run, n, k;

	*why = NULL;
	/* the first ISO format on a text of its very shape, nearly every
	 * date of an export: what the loop below makes of it, read at once */
	if (f == l2e__date_iso_formats[0] && is_iso_day(text))
		return check(out, digits_at(text, 4), digits_at(text + 5, 2),
		             digits_at(text + 8, 2), 1, 1, why);
	if (!strcmp(f, "excel"))
		return parse_excel(out, text, why);
	if (!strcmp(f, "tekst"))
		return parse_text(out, text, why);
	while (*f) {
		if (*f == '*')
			break; /* the rest of the text does not matter */
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
			short_year = run == 2;
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
	if (*t && *f != '*')
		return 0;
	if (short_year) /* pivot: 00-69 -> 20xx, 70-99 -> 19xx */
		year += year < 70 ? 2000 : 1900;
	rc = check(out, year, month, day, has_month, has_day, why);
	if (rc == 1 && short_year)
		*why = "two-digit year read with the 1970 pivot";
	return rc;
}
