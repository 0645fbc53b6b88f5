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

void l2e__format_datetime(char buf[32], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, 32, "1970-01-01T00:00:00Z");
}
