/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_edc.c - the pieces of European Digital Credentials: the profile
 * types they added (number, NLQF), the ELM vocabulary tables
 * (europass/elm_vocab.c) and the date rule of the EDC checks.
 */
#include "test.h"

#include "europass/elm_vocab.h"
#include "model/profile.h"
#include "validate/validate_int.h"

static l2e__pool pool;
static l2e__profile prof;

static const char *set(int section, int field, const char *text, int *rc)
{
	l2e__item *item = l2e__item_new(&prof, section);
	size_t redacted = 0;

	*rc = l2e__profile_set(&prof, item, section, field, text, &redacted,
	                       NULL);
	return item->values[field].is_set ? item->values[field].text : NULL;
}

static void test_edc_profile__numbers(void)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{ "480", "480" },     { "480,0", "480" },
		{ "0480.00", "480" }, { "100000", "100000" },
		{ "0", NULL },        { "100001", NULL },
		{ "12,5", NULL },     { "-3", NULL },
		{ "", NULL },         { "1000000", NULL },
		{ "12 uur", NULL },
	};
	size_t i;
	int rc;

	memset(&prof, 0, sizeof(prof));
	prof.pool = &pool;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got =
		    set(L2E__SEC_WORK, WORK_HOURS, rows[i].in, &rc);

		if (rows[i].out)
			CHECK_STR(rows[i].out, got);
		else
			CHECK(got == NULL && rc == L2E__SET_REFUSED);
	}
	l2e__pool_clear(&pool);
}

static void test_edc_profile__nlqf(void)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{ "Niveau 3", "3" },    { "4+", "4+" },
		{ "Entree", "entree" }, { "Entreeopleiding", "entree" },
		{ "0", "entree" },      { "8", "8" },
		{ "9", NULL },          { "4++", NULL },
		{ "niveau", NULL },     { "3F", NULL },
	};
	size_t i;
	int rc;

	memset(&prof, 0, sizeof(prof));
	prof.pool = &pool;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got =
		    set(L2E__SEC_EDUCATION, EDU_NLQF_LEVEL, rows[i].in, &rc);

		if (rows[i].out)
			CHECK_STR(rows[i].out, got);
		else
			CHECK(got == NULL && rc == L2E__SET_REFUSED);
	}
	l2e__pool_clear(&pool);
}

static void test_edc_vocab__levels_and_countries(void)
{
	const char *eqf = NULL;
	const l2e__elm_concept *c;
	const l2e__elm_country *k;
	size_t i;

	/* NLQF 4 is EQF 4; entree and 4+ have no EQF twin */
	c = l2e__elm_nlqf("4", &eqf);
	CHECK(c != NULL);
	if (c)
		CHECK_STR("http://data.europa.eu/snb/qdr/c_ff656b33", c->id);
	CHECK_STR("4", eqf);
	CHECK(l2e__elm_nlqf("entree", &eqf) != NULL);
	CHECK_STR("", eqf);
	CHECK(l2e__elm_nlqf("4+", &eqf) != NULL);
	CHECK_STR("", eqf);
	CHECK(l2e__elm_nlqf("9", NULL) == NULL);
	CHECK(l2e__elm_eqf("8") != NULL);
	CHECK(l2e__elm_eqf("0") == NULL);
	CHECK(l2e__elm_eqf("10") == NULL);
	/* countries: alpha-2 to the authority's code, sorted for search */
	k = l2e__elm_country_find("NL");
	CHECK(k != NULL);
	if (k)
		CHECK_STR("NLD", k->alpha3);
	k = l2e__elm_country_find("CW");
	CHECK(k != NULL);
	if (k)
		CHECK_STR("CUW", k->alpha3);
	CHECK(l2e__elm_country_find("XX") == NULL);
	CHECK(l2e__elm_country_find("nl") == NULL); /* the profile has NL */
	for (i = 1; i < l2e__elm_n_countries; i++)
		CHECK(strcmp(l2e__elm_countries[i - 1].alpha2,
		             l2e__elm_countries[i].alpha2) < 0);
	CHECK(l2e__elm_n_countries > 200);
	CHECK(l2e__elm_concept_known(
	    L2E__ELM_SCHEME_COUNTRY,
	    "http://publications.europa.eu/resource/authority/country/DEU"));
	CHECK(!l2e__elm_concept_known(
	    L2E__ELM_SCHEME_COUNTRY,
	    "http://publications.europa.eu/resource/authority/country/XXX"));
	CHECK(!l2e__elm_concept_known(L2E__ELM_SCHEME_EQF,
	                              "http://data.europa.eu/snb/eqf/9"));
}

static void test_edc_check__datetimes(void)
{
	CHECK(l2e__check_xsd_datetime("2024-02-29T00:00:00"));
	CHECK(l2e__check_xsd_datetime("2024-05-01T10:00:00+02:00"));
	CHECK(l2e__check_xsd_datetime("2024-05-01T10:00:00.5Z"));
	CHECK(!l2e__check_xsd_datetime("2023-02-29T00:00:00"));
	CHECK(!l2e__check_xsd_datetime("2024-02-30T00:00:00"));
	CHECK(!l2e__check_xsd_datetime("05-02-2024"));
	CHECK(!l2e__check_xsd_datetime("2024-05-01"));
	CHECK(!l2e__check_xsd_datetime("2024-05-01T24:00:00"));
	CHECK(!l2e__check_xsd_datetime("2024-05-01T10:00:00+2"));
	CHECK(!l2e__check_xsd_datetime("2024-05-01T10:00:00."));
}

static const test_case cases[] = {
	TEST_CASE(test_edc_profile__numbers),
	TEST_CASE(test_edc_profile__nlqf),
	TEST_CASE(test_edc_vocab__levels_and_countries),
	TEST_CASE(test_edc_check__datetimes),
};

TEST_MAIN(cases)
