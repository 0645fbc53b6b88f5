/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * rules.c - the v3.x to v3.4 rules that the XML and the JSON upgrade
 * share: which printing preferences survive, what an occupation code
 * and a CEFR level must look like.
 */
#include "legacy/rules.h"

#include <string.h>

/* Kept by the 3.1 -> 3.2 clean-up although it has no layout. */
#define GRID_FIELD "LearnerInfo.CEFLanguageLevelsGrid"

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

int l2e__up_field_kept(const char *name, int has_layout, int minor,
                       const char **why)
{
	if (!name) {
		*why = "a printing preference without a name";
		return 0;
	}
	/* 3.1 -> 3.2: show-only preferences went with their enumeration
	 * values. The old chain also meant to drop CoverLetter fields, but
	 * its test never matched; 3.4 still has them, so they stay. */
	if (minor < 2 && !has_layout && strcmp(name, GRID_FIELD)) {
		*why = "a show-only printing preference (no format, position "
		       "or order), removed in v3.2";
		return 0;
	}
	/* 3.2 -> 3.3: address preferences were reworked */
	if (minor < 3 && ends_with(name, "ContactInfo.Address")) {
		*why = "an address printing preference, reworked in v3.3";
		return 0;
	}
	return 1;
}

/* [a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12} */
int l2e__up_is_esco(const char *code)
{
	static const unsigned char group[] = { 8, 4, 4, 4, 12 };
	size_t g, i;

	if (!code)
		return 0;
	for (g = 0; g < sizeof(group); g++) {
		for (i = 0; i < group[g]; i++, code++)
			if (!((*code >= 'a' && *code <= 'z') ||
			      (*code >= '0' && *code <= '9')))
				return 0;
		if (g + 1 < sizeof(group) && *code++ != '-')
			return 0;
	}
	return *code == '\0';
}

int l2e__up_is_cefr(const char *s)
{
	return s && s[0] >= 'A' && s[0] <= 'C' &&
	       (s[1] == '1' || s[1] == '2') && !s[2];
}
