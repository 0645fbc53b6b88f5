/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * europass.c - reading a profile the Europass way (see europass.h).
 */
#include "europass/europass.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *l2e__item_text(const l2e__item *item, int f)
{
	return item && item->values[f].is_set ? item->values[f].text : NULL;
}

int l2e__item_bool(const l2e__item *item, int f)
{
	return item && item->values[f].is_set && item->values[f].boolean;
}

/* The profile holds ISO 3166-1 (model/profile.c turns EL and UK back
 * into GR and GB); Europass spells these two the EC way. */
const char *l2e__europass_country(const char *iso)
{
	if (strcmp(iso, "GR") == 0)
		return "EL";
	if (strcmp(iso, "GB") == 0)
		return "UK";
	return iso;
}

/* n as `width` digits at o. */
static char *digits(char *o, long long n, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--, n /= 10)
		o[i] = (char)('0' + n % 10);
	return o + width;
}

void l2e__format_datetime(char buf[32], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	long long days, secs, era, doe, yoe, doy, mp, y, m, d;
	char *o = buf;

	/*
	 * Years 1000 to 9999 from the days since 1970 (H. Hinnant's
	 * civil_from_days): gmtime_r and strftime took 1 500 instructions
	 * of every document; the rest of the range goes the old way.
	 */
	if (t >= -30610224000LL && t <= 253402300799LL) {
		days = (t >= 0 ? t : t - 86399) / 86400;
		secs = t - days * 86400;
		days += 719468;
		era = (days >= 0 ? days : days - 146096) / 146097;
		doe = days - era * 146097;
		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
		mp = (5 * doy + 2) / 153;
		d = doy - (153 * mp + 2) / 5 + 1;
		m = mp < 10 ? mp + 3 : mp - 9;
		y = yoe + era * 400 + (m <= 2);
		o = digits(o, y, 4);
		*o++ = '-';
		o = digits(o, m, 2);
		*o++ = '-';
		o = digits(o, d, 2);
		*o++ = 'T';
		o = digits(o, secs / 3600, 2);
		*o++ = ':';
		o = digits(o, secs / 60 % 60, 2);
		*o++ = ':';
		o = digits(o, secs % 60, 2);
		memcpy(o, "Z", 2);
		return;
	}
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, 32, "1970-01-01T00:00:00Z");
}
