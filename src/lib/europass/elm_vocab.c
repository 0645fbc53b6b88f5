/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * elm_vocab.c - ELM 3.1 concepts as tables (see elm_vocab.h). URIs from
 * ../shared/europass/elm/cv/ (XSD); NLQF to EQF as the README's table.
 */
#include "elm_vocab.h"

#include <string.h>

const l2e__elm_concept l2e__elm_generic = {
	"http://data.europa.eu/snb/credential/e34929035b",
	L2E__ELM_SCHEME_CREDENTIAL, "Generic"
};
const l2e__elm_concept l2e__elm_internship = {
	"http://data.europa.eu/snb/learning-activity/bf5588ff84",
	L2E__ELM_SCHEME_ACTIVITY, "internship"
};
const l2e__elm_concept l2e__elm_workbased = {
	"http://data.europa.eu/snb/learning-assessment/729f3bed4b",
	L2E__ELM_SCHEME_MODE, "Workbased"
};
const l2e__elm_concept l2e__elm_base64 = { "http://data.europa.eu/snb/encoding/"
	                                   "6146cde7dd",
	                                   L2E__ELM_SCHEME_ENCODING, "base64" };
const l2e__elm_concept l2e__elm_png = { "http://publications.europa.eu/"
	                                "resource/authority/file-type/PNG",
	                                L2E__ELM_SCHEME_FILE_TYPE, "PNG" };
const l2e__elm_concept l2e__elm_lang_nl = { "http://publications.europa.eu/"
	                                    "resource/authority/language/NLD",
	                                    L2E__ELM_SCHEME_LANGUAGE, "Dutch" };
const l2e__elm_concept l2e__elm_lang_en = {
	"http://publications.europa.eu/resource/authority/language/ENG",
	L2E__ELM_SCHEME_LANGUAGE, "English"
};

static const l2e__elm_concept eqf[8] = {
	{ "http://data.europa.eu/snb/eqf/1", L2E__ELM_SCHEME_EQF, "Level 1" },
	{ "http://data.europa.eu/snb/eqf/2", L2E__ELM_SCHEME_EQF, "Level 2" },
	{ "http://data.europa.eu/snb/eqf/3", L2E__ELM_SCHEME_EQF, "Level 3" },
	{ "http://data.europa.eu/snb/eqf/4", L2E__ELM_SCHEME_EQF, "Level 4" },
	{ "http://data.europa.eu/snb/eqf/5", L2E__ELM_SCHEME_EQF, "Level 5" },
	{ "http://data.europa.eu/snb/eqf/6", L2E__ELM_SCHEME_EQF, "Level 6" },
	{ "http://data.europa.eu/snb/eqf/7", L2E__ELM_SCHEME_EQF, "Level 7" },
	{ "http://data.europa.eu/snb/eqf/8", L2E__ELM_SCHEME_EQF, "Level 8" },
};

/* the Dutch framework (NLQF) in the NQF scheme, with its EQF twin */
static const struct nlqf_row {
	const char *level;
	const char *eqf;
	l2e__elm_concept concept;
} nlqf[] = {
	{ "entree",
	  "",
	  { "http://data.europa.eu/snb/qdr/c_b42dd23b", L2E__ELM_SCHEME_NQF,
	    "NLQF Entry level" } },
	{ "1",
	  "1",
	  { "http://data.europa.eu/snb/qdr/c_3e11a3fd", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 1" } },
	{ "2",
	  "2",
	  { "http://data.europa.eu/snb/qdr/c_c749fa23", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 2" } },
	{ "3",
	  "3",
	  { "http://data.europa.eu/snb/qdr/c_f97cdbb5", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 3" } },
	{ "4",
	  "4",
	  { "http://data.europa.eu/snb/qdr/c_ff656b33", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 4" } },
	{ "4+",
	  "",
	  { "http://data.europa.eu/snb/qdr/c_c2700f4e", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 4+" } },
	{ "5",
	  "5",
	  { "http://data.europa.eu/snb/qdr/c_18c9e9fe", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 5" } },
	{ "6",
	  "6",
	  { "http://data.europa.eu/snb/qdr/c_1711a061", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 6" } },
	{ "7",
	  "7",
	  { "http://data.europa.eu/snb/qdr/c_478359fc", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 7" } },
	{ "8",
	  "8",
	  { "http://data.europa.eu/snb/qdr/c_2835a50f", L2E__ELM_SCHEME_NQF,
	    "NLQF Level 8" } },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const l2e__elm_concept *l2e__elm_eqf(const char *level)
{
	if (level && level[0] >= '1' && level[0] <= '8' && !level[1])
		return &eqf[level[0] - '1'];
	return NULL;
}

const l2e__elm_concept *l2e__elm_nlqf(const char *level, const char **eqf_out)
{
	size_t i;

	if (level && strcmp(level, "0") == 0)
		level = "entree";
	for (i = 0; level && i < N(nlqf); i++)
		if (strcmp(nlqf[i].level, level) == 0) {
			if (eqf_out)
				*eqf_out = nlqf[i].eqf;
			return &nlqf[i].concept;
		}
	return NULL;
}

int l2e__elm_concept_known(const char *scheme, const char *id)
{
	size_t i;
	const char *p;

	if (strcmp(scheme, L2E__ELM_SCHEME_EQF) == 0) {
		for (i = 0; i < N(eqf); i++)
			if (strcmp(eqf[i].id, id) == 0)
				return 1;
		return 0;
	}
	/* the NQF scheme holds every country's levels; we list only the
	 * Dutch ones, so any concept of it is taken */
	if (strcmp(scheme, L2E__ELM_SCHEME_COUNTRY) == 0) {
		p = id + strlen(L2E__ELM_SCHEME_COUNTRY);
		return strncmp(id, L2E__ELM_SCHEME_COUNTRY,
		               strlen(L2E__ELM_SCHEME_COUNTRY)) == 0 &&
		       *p == '/' && l2e__elm_country_by_alpha3(p + 1) != NULL;
	}
	return 1; /* schemes we keep no list of */
}

const l2e__elm_country *l2e__elm_country_find(const char *alpha2)
{
	size_t lo = 0, hi = l2e__elm_n_countries, mid;
	int c;

	while (alpha2 && lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(alpha2, l2e__elm_countries[mid].alpha2);
		if (c == 0)
			return &l2e__elm_countries[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const l2e__elm_country *l2e__elm_country_by_alpha3(const char *alpha3)
{
	size_t i;

	for (i = 0; i < l2e__elm_n_countries; i++)
		if (strcmp(l2e__elm_countries[i].alpha3, alpha3) == 0)
			return &l2e__elm_countries[i];
	return NULL;
}

const char l2e__elm_blank_png[] =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQ"
    "GAhKmMIQAAAABJRU5ErkJggg==";
