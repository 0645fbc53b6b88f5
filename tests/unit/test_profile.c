/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_profile.c - typed setters of the learner profile
 * (model/profile.c).
 */
#include "test.h"

#include "core/natid.h"
#include "model/profile.h"

static l2e__pool pool;
static l2e__profile prof;

static void setup(void)
{
	memset(&pool, 0, sizeof(pool));
	memset(&prof, 0, sizeof(prof));
	prof.pool = &pool;
}

static void expect_cefr(const char *in, const char *out, int adjusted)
{
	char buf[3];
	int adj = -1;
	const char *got = l2e__cefr_normalise(in, buf, &adj);

	if (strcmp(got, out) != 0 || (*out && adj != adjusted))
		test_fail(__FILE__, __LINE__,
		          "'%s' -> '%s' (adjusted %d), "
		          "expected '%s' (%d)",
		          in, got, adj, out, adjusted);
}

static void test_profile_cefr__spellings(void)
{
	expect_cefr("B1", "B1", 0);
	expect_cefr(" b1 ", "B1", 0);
	expect_cefr("ERK B1", "B1", 0);
	expect_cefr("B1-niveau", "B1", 0);
	expect_cefr("niveau B1", "B1", 0);
	expect_cefr("B1+", "B1", 1);
	expect_cefr("B1.2", "B1", 1);
	expect_cefr("A2/B1", "A2", 1);
	expect_cefr("A2-B1", "A2", 1);
	expect_cefr("A2\xE2\x80\x93"
	            "B1",
	            "A2", 1);
	expect_cefr("NT2-I", "B1", 1);
	expect_cefr("NT2-II", "B2", 1);
	expect_cefr("2F", "", 0);
	expect_cefr("C2+", "", 0); /* nothing above C2 */
	expect_cefr("D1", "", 0);
	expect_cefr("B3", "", 0);
	expect_cefr("", "", 0);
}

static int set(int section, int field, const char *text, const char **out,
               const char **note)
{
	l2e__item *item = l2e__item_new(&prof, section);
	size_t redacted = 0;
	int rc = l2e__profile_set(&prof, item, section, field, text, &redacted,
	                          note);

	*out = item->values[field].is_set ? item->values[field].text : NULL;
	return rc;
}

static void test_profile_set__typed_fields(void)
{
	const char *v, *note;

	setup();
	CHECK_INT(0, set(L2E__SEC_WORK, WORK_COUNTRY, "de", &v, &note));
	CHECK_STR("DE", v);
	CHECK_INT(0, set(L2E__SEC_WORK, WORK_COUNTRY, "EL", &v, &note));
	CHECK_STR("GR", v);
	CHECK_INT(0, set(L2E__SEC_WORK, WORK_COUNTRY, "UK", &v, &note));
	CHECK_STR("GB", v);
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_WORK, WORK_COUNTRY, "Duitsland", &v, &note));
	CHECK(v == NULL);
	CHECK_INT(0, set(L2E__SEC_EDUCATION, EDU_EQF_LEVEL, "4", &v, &note));
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_EDUCATION, EDU_EQF_LEVEL, "9", &v, &note));
	CHECK_INT(0, set(L2E__SEC_LANGUAGE, LANG_CODE, "EN", &v, &note));
	CHECK_STR("en", v);
	CHECK_INT(0, set(L2E__SEC_LANGUAGE, LANG_CODE, "dse", &v, &note));
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_LANGUAGE, LANG_CODE, "Engels", &v, &note));
	CHECK_INT(L2E__SET_ADJUSTED,
	          set(L2E__SEC_LANGUAGE, LANG_READING, "B1+", &v, &note));
	CHECK_STR("B1", v);
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_LANGUAGE, LANG_READING, "3F", &v, &note));
	CHECK_CONTAINS(note, "not a CEFR level");
	CHECK_INT(0,
	          set(L2E__SEC_LANGUAGE, LANG_MOTHER_TONGUE, "J", &v, &note));
	CHECK_STR("true", v);
	CHECK_INT(L2E__SET_REFUSED, set(L2E__SEC_LANGUAGE, LANG_MOTHER_TONGUE,
	                                "misschien", &v, &note));
	CHECK_INT(
	    0, set(L2E__SEC_PERSON, PERSON_EMAIL, "a.b@school.nl", &v, &note));
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_PERSON, PERSON_EMAIL, "06-77889900", &v, &note));
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_PERSON, PERSON_EMAIL, "a@localhost", &v, &note));
	CHECK_INT(0, set(L2E__SEC_DIGITAL, DIG_LEVEL, "b", &v, &note));
	CHECK_STR("B", v);
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_DIGITAL, DIG_AREA, "typing", &v, &note));
	CHECK_INT(0, set(L2E__SEC_DOCUMENT, DOC_CREATED,
	                 "2025-07-03T09:15:00+02:00", &v, &note));
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_DOCUMENT, DOC_CREATED, "3 juli", &v, &note));
	l2e__pool_clear(&pool);
}

static void test_profile_set__text_is_cleaned(void)
{
	const char *v, *note;

	setup();
	CHECK_INT(0, set(L2E__SEC_PERSON, PERSON_SURNAME,
	                 "  Wit\x01-\x1b\xC3\xA7"
	                 "elik\r\n",
	                 &v, &note));
	CHECK_STR("Wit-\xC3\xA7"
	          "elik",
	          v);
	CHECK_INT(0, set(L2E__SEC_PERSON, PERSON_SURNAME,
	                 "a\xFF"
	                 "b",
	                 &v, &note));
	CHECK_STR("a\xEF\xBF\xBD"
	          "b",
	          v);
	CHECK_INT(0, set(L2E__SEC_PERSON, PERSON_SURNAME,
	                 "a\xC2\x85"
	                 "b",
	                 &v, &note));
	CHECK_STR("ab", v); /* U+0085 is a C1 control character */
	CHECK_INT(L2E__SET_REFUSED,
	          set(L2E__SEC_PERSON, PERSON_SURNAME, " \t ", &v, &note));
	l2e__pool_clear(&pool);
}

/* With the length given: the same cleaning, and a text ends at a NUL
 * inside it, as it did when profile_set measured it with strlen. */
static void test_profile_set__len_given(void)
{
	l2e__item *item;
	size_t redacted = 0;

	setup();
	item = l2e__item_new(&prof, L2E__SEC_PERSON);
	CHECK_INT(0, l2e__profile_set_len(&prof, item, L2E__SEC_PERSON,
	                                  PERSON_SURNAME, " Wit\r\n", 6,
	                                  &redacted, NULL));
	CHECK_STR("Wit", item->values[PERSON_SURNAME].text);
	CHECK_INT(0, l2e__profile_set_len(&prof, item, L2E__SEC_PERSON,
	                                  PERSON_SURNAME, "Wit\0 111222333", 14,
	                                  &redacted, NULL));
	CHECK_STR("Wit", item->values[PERSON_SURNAME].text);
	CHECK_INT(0, (long)redacted);
	CHECK_INT(0, l2e__profile_set_len(&prof, item, L2E__SEC_PERSON,
	                                  PERSON_SURNAME, "BSN 111222333", 13,
	                                  &redacted, NULL));
	CHECK_STR("BSN " L2E_REDACTED, item->values[PERSON_SURNAME].text);
	CHECK_INT(1, (long)redacted);
	l2e__pool_clear(&pool);
}

static void test_profile_set__national_ids_redacted(void)
{
	l2e__item *item;
	size_t redacted = 0;

	setup();
	item = l2e__item_new(&prof, L2E__SEC_HEADLINE);
	CHECK_INT(0, l2e__profile_set(&prof, item, L2E__SEC_HEADLINE,
	                              HEADLINE_TEXT, "BSN 123456782, ok",
	                              &redacted, NULL));
	CHECK_INT(1, redacted);
	CHECK_STR("BSN [verwijderd], ok", item->values[HEADLINE_TEXT].text);
	l2e__pool_clear(&pool);
}

static void test_profile_tables__names_resolve(void)
{
	int s, f;

	s = l2e__section_find("languages");
	CHECK_INT(L2E__SEC_LANGUAGE, s);
	f = l2e__field_find(s, "spoken_interaction");
	CHECK_INT(LANG_SPOKEN_INTERACTION, f);
	CHECK_INT(-1, l2e__section_find("talen"));
	CHECK_INT(-1, l2e__field_find(L2E__SEC_PERSON, "bsn"));
	/* every field of every section has a name and a unique one */
	for (s = 0; s < L2E__SEC_COUNT; s++)
		for (f = 0; f < (int)l2e__sections[s].n_fields; f++) {
			CHECK(l2e__sections[s].fields[f].name != NULL);
			if (l2e__sections[s].fields[f].name)
				CHECK_INT(
				    f, l2e__field_find(
				           s, l2e__sections[s].fields[f].name));
		}
}

static const test_case cases[] = {
	TEST_CASE(test_profile_cefr__spellings),
	TEST_CASE(test_profile_set__typed_fields),
	TEST_CASE(test_profile_set__text_is_cleaned),
	TEST_CASE(test_profile_set__len_given),
	TEST_CASE(test_profile_set__national_ids_redacted),
	TEST_CASE(test_profile_tables__names_resolve),
};

TEST_MAIN(cases)
