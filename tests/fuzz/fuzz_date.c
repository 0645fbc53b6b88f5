/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_date.c - date patterns (map/date.c).
 *
 * The input is "text", a separator (the first NUL byte or newline),
 * then "format" (a pattern, or a keyword: "tekst", "excel"). Without a
 * separator the text is tried with the ISO formats a date rule without
 * "date" uses. The format is checked with
 * l2e__date_format_valid(); like the mapping loader, only a valid
 * format is handed to l2e__date_parse().
 *
 * Checks beyond the sanitizers: a parsed date is a real date in
 * 1900..2100, with the precision a pattern has; a refusal of an
 * impossible date gives a reason, and "no match" gives none; and, for
 * patterns that read unambiguously, printing the date in the pattern and
 * parsing it again gives the same date.
 *
 * Internal API (src/lib), as tests/unit/test_date.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map/date.h"
#include "map/map_values.h"
#include "map/zone.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_field(char c)
{
	return c == 'j' || c == 'y' || c == 'm' || c == 'd';
}

static int days_in(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
		                      31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int is_keyword(const char *format)
{
	return strcmp(format, "excel") == 0 || strcmp(format, "tekst") == 0;
}

static void check_date(const l2e__date *d, const char *text, const char *format)
{
	int is_pattern = !is_keyword(format);
	int has_month = strchr(format, 'm') != NULL;
	int has_day = strchr(format, 'd') != NULL;

	if (d->year < 1900 || d->year > 2100 || d->month < 0 || d->month > 12 ||
	    d->day < 0 ||
	    (d->day && (!d->month || d->day > days_in(d->year, d->month))))
		fuzz_fail("a parsed date is not a real date", format, text,
		          strlen(text));
	if (is_pattern && ((has_month ? !d->month : d->month != 0) ||
	                   (has_day ? !d->day : d->day != 0)))
		fuzz_fail("a parsed date does not have the precision of its "
		          "pattern",
		          format, text, strlen(text));
}

/*
 * A format reads unambiguously when no literal is a digit and no
 * one-letter field (one or two digits) is followed by another field.
 */
static int is_unambiguous(const char *f)
{
	size_t i, run;

	if (is_keyword(f) || strchr(f, '*'))
		return 0;
	for (i = 0; f[i]; i += run) {
		if (!is_field(f[i])) {
			if (f[i] >= '0' && f[i] <= '9')
				return 0;
			run = 1;
			continue;
		}
		for (run = 1; f[i + run] == f[i]; run++)
			;
		if (run == 1 && is_field(f[i + run]))
			return 0;
	}
	return 1;
}

/* Print `d` in format `f` (field runs padded to their width). */
static void print_date(char *out, size_t cap, const l2e__date *d, const char *f)
{
	size_t i, run, n = 0;
	int v, w;

	for (i = 0; f[i] && n + 8 < cap; i += run) {
		if (!is_field(f[i])) {
			out[n++] = f[i];
			run = 1;
			continue;
		}
		for (run = 1; f[i + run] == f[i]; run++)
			;
		v = f[i] == 'm' ? d->month : f[i] == 'd' ? d->day : d->year;
		if (run == 2 && (f[i] == 'j' || f[i] == 'y'))
			v %= 100; /* a two-digit year */
		w = run == 1 ? 1 : (int)run;
		n += (size_t)snprintf(out + n, cap - n, "%0*d", w, v);
	}
	out[n] = '\0';
}

static void try_format(const char *text, const char *format)
{
	static const char unset[] = "(unset)";
	l2e__date d, again;
	const char *why = unset;
	char printed[512];
	int rc;

	if (!l2e__date_format_valid(format))
		return;
	memset(&d, 0, sizeof(d));
	rc = l2e__date_parse(&d, text, format, &why);
	if (rc < -1 || rc > 1)
		fuzz_fail("an unexpected return code", format, text,
		          strlen(text));
	if (rc < 0 && !why)
		fuzz_fail("an impossible date without a reason", format, text,
		          strlen(text));
	if (rc == 0 && why)
		fuzz_fail("a reason for a text that does not match", format,
		          text, strlen(text));
	if (rc != 1)
		return;
	check_date(&d, text, format);
	if (!is_unambiguous(format) || strlen(format) > 200)
		return;
	print_date(printed, sizeof(printed), &d, format);
	memset(&again, 0, sizeof(again));
	if (l2e__date_parse(&again, printed, format, &why) != 1 ||
	    again.year != d.year || again.month != d.month ||
	    again.day != d.day)
		fuzz_fail("a date printed in its format does not read back",
		          format, printed, strlen(printed));
}

/*
 * A date-time with a zone (map_values.c): a local date it gives is real,
 * and a time it drops is a time of day. The zone is read once (the
 * system's zone data; without it this part is skipped).
 */
static void try_zoned(const char *text)
{
	static l2e__pool pool = L2E__POOL_INIT;
	static const l2e__zone *zone;
	static int is_loaded;
	const char *why = NULL;
	l2e__date d = { 0, 0, 0 };
	char time[16];
	int rc;

	if (!is_loaded++)
		(void)l2e__zone_load(&zone, &pool, L2E__ZONE_DEFAULT, &why);
	if (!zone)
		return;
	rc = l2e__date_zoned(&d, time, text, zone);
	if (rc == 1) {
		check_date(&d, text, "jjjj-mm-dd");
		if (time[0] && (strlen(time) != 5 || time[2] != ':' ||
		                time[0] > '2' || time[3] > '5'))
			fuzz_fail("a dropped time is no time of day", "zoned",
			          text, strlen(text));
	} else if (rc != 0 && rc != -1) {
		fuzz_fail("a zoned date-time gave another answer", "zoned",
		          text, strlen(text));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy;
	size_t i, sep;

	if (!(copy = malloc(size + 1)))
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (sep = 0; sep < size && copy[sep] && copy[sep] != '\n'; sep++)
		;
	if (sep < size) {
		copy[sep] = '\0';
		try_format(copy, copy + sep + 1);
	} else {
		for (i = 0; l2e__date_iso_formats[i]; i++)
			try_format(copy, l2e__date_iso_formats[i]);
		try_zoned(copy);
	}
	free(copy);
	return 0;
}
