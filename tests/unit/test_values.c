/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_values.c - zones from the system's zone data (map/zone.c) and
 * dates with a zone (map/map_values.c): no date shifts.
 */
#include <stdlib.h>

#include <string.h>

#include "test.h"

#include "lob2europass/lob2europass.h"

#include "core/pool.h"
#include "map/map_values.h"
#include "map/zone.h"

static const l2e__zone *zone(l2e__pool *pool, const char *name)
{
	const l2e__zone *z = NULL;
	const char *why = NULL;

	if (l2e__zone_load(&z, pool, name, &why) != 0 || !z)
		test_fail(__FILE__, __LINE__, "zone %s: %s", name,
		          why ? why : "?");
	return z;
}

static void expect_local(const l2e__zone *z, const char *text, int y, int m,
                         int d, const char *dropped)
{
	l2e__date out = { 0, 0, 0 };
	char time[16];

	if (!z)
		return;
	if (l2e__date_zoned(&out, time, text, z) != 1) {
		test_fail(__FILE__, __LINE__, "'%s' not read", text);
		return;
	}
	CHECK_INT(y, out.year);
	CHECK_INT(m, out.month);
	CHECK_INT(d, out.day);
	CHECK_STR(dropped, time);
}

static void test_zone__dutch_local_date(void)
{
	l2e__pool pool = L2E__POOL_INIT;
	const l2e__zone *ams = zone(&pool, "Europe/Amsterdam");

	/* the ELM case: 23:00 UTC is midnight in Amsterdam, in winter */
	expect_local(ams, "2006-02-13T23:00:00Z", 2006, 2, 14, "");
	/* summer: 22:00 UTC is midnight */
	expect_local(ams, "2024-06-30T22:00:00Z", 2024, 7, 1, "");
	expect_local(ams, "2024-06-30T21:59:59Z", 2024, 6, 30, "23:59");
	expect_local(ams, "2024-09-02T10:30:00+02:00", 2024, 9, 2, "10:30");
	expect_local(ams, "2024-09-01T22:00:00.000+00:00", 2024, 9, 2, "");
	expect_local(ams, "2024-03-31T00:59:59Z", 2024, 3, 31, "01:59");
	expect_local(ams, "2024-03-31T01:00:00Z", 2024, 3, 31, "03:00");
	/* beyond the file's transitions: the footer's rule */
	expect_local(ams, "2090-07-01T22:00:00Z", 2090, 7, 2, "");
	expect_local(ams, "2090-01-01T23:00:00Z", 2090, 1, 2, "");
	l2e__pool_clear(&pool);
}

static void test_zone__other_zones(void)
{
	l2e__pool pool = L2E__POOL_INIT;

	expect_local(zone(&pool, "UTC"), "2006-02-13T23:00:00Z", 2006, 2, 13,
	             "23:00");
	expect_local(zone(&pool, "America/New_York"), "2024-01-01T03:00:00Z",
	             2023, 12, 31, "22:00");
	l2e__pool_clear(&pool);
}

static void test_zone__not_zoned_or_broken(void)
{
	l2e__pool pool = L2E__POOL_INIT;
	const l2e__zone *ams = zone(&pool, "Europe/Amsterdam"), *z = NULL;
	l2e__date out;
	char time[16];
	const char *why = NULL;

	CHECK_INT(0, l2e__date_zoned(&out, time, "2024-09-02", ams));
	CHECK_INT(0, l2e__date_zoned(&out, time, "2024-09-02T10:00:00", ams));
	CHECK_INT(0, l2e__date_zoned(&out, time, "2024-09-02T10:00Zx", ams));
	CHECK_INT(-1, l2e__date_zoned(&out, time, "2024-02-30T10:00Z", ams));
	CHECK_INT(-1, l2e__date_zoned(&out, time, "2024-02-03T25:00Z", ams));
	CHECK_INT(-1, l2e__zone_load(&z, &pool, "../etc/passwd", &why));
	CHECK_INT(-1, l2e__zone_load(&z, &pool, "Mars/Olympus", &why));
	CHECK_INT(-1, l2e__zone_load(&z, &pool, "zone.tab", &why));
	l2e__pool_clear(&pool);
}

/* The code-list search path: the mapping's folder, then the installed
 * lists ($L2E_CODELISTS_DIR stands in for them here). */
static void test_codelist__installed_lists(void)
{
	static const char text[] =
	    "{\"lob2europass_mapping\": 1, \"name\": \"c\", \"source\": "
	    "{\"format\": \"json\", \"records\": \"s\"}, \"dossier\": "
	    "{\"key\": \"nr\"}, \"profile\": {\"languages\": {\"each\": "
	    "\"t\", \"fields\": {\"code\": {\"path\": \".\", "
	    "\"codelist\": \"language-iso639-1\"}}}}}";
	const char *installed = getenv("L2E_TEST_CODELISTS");
	l2e_mapping *map = NULL;
	l2e_ctx *ctx = NULL;

	CHECK(installed != NULL);
	if (!installed || l2e_ctx_new(&ctx, NULL) < 0)
		return;
	setenv("L2E_CODELISTS_DIR", "/nonexistent-l2e", 1);
	CHECK_INT(L2E_EMAPPING,
	          l2e_mapping_load_memory(&map, ctx, "m.json", text,
	                                  strlen(text), "/nonexistent-own"));
	CHECK(strstr(l2e_ctx_error(ctx)->message,
	             "nor among the installed code lists") != NULL);
	setenv("L2E_CODELISTS_DIR", installed, 1);
	CHECK_INT(0, l2e_mapping_load_memory(&map, ctx, "m.json", text,
	                                     strlen(text), "/nonexistent-own"));
	unsetenv("L2E_CODELISTS_DIR");
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
}

/* dossier.merge through l2e_input_next(): one dossier per key, in the
 * order the keys first appear, a keyless record on its own. */
static void test_merge__input_next(void)
{
	static const char map_text[] =
	    "{\"lob2europass_mapping\": 1, \"name\": \"m\", \"source\": "
	    "{\"format\": \"json\", \"records\": \"r\"}, \"dossier\": "
	    "{\"key\": [\"nr\", \"student\"], \"merge\": true}, "
	    "\"profile\": {\"person\": {\"first_name\": \"n\"}, "
	    "\"education\": {\"each\": \"o\", \"fields\": {\"title\": "
	    "\".\"}}}}";
	static const char export_text[] =
	    "{\"r\": [{\"nr\": \"b\", \"n\": \"Bram\", \"o\": [\"x\"]},"
	    " {\"student\": \"a\", \"o\": [\"y\"]}, {\"o\": [\"z\"]},"
	    " {\"student\": \"b\", \"n\": \"Bas\", \"o\": [\"w\"]}]}";
	l2e_mapping *map = NULL;
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	l2e_buf doc = L2E_BUF_INIT;
	l2e_ctx *ctx = NULL;
	const char *keys[3] = { NULL, NULL, NULL };
	int n = 0, conflicts = 0;
	size_t i;

	if (l2e_ctx_new(&ctx, NULL) < 0)
		return;
	CHECK_INT(0, l2e_mapping_load_memory(&map, ctx, "m.json", map_text,
	                                     strlen(map_text), NULL));
	CHECK_INT(0, l2e_input_open_memory(&in, ctx, map, "e.json", export_text,
	                                   strlen(export_text)));
	while (in && l2e_input_next(&d, in) == 0 && d) {
		if (n < 3)
			keys[n] = l2e_dossier_key(d) ? "key" : "none";
		if (n == 0) {
			CHECK_STR("b", l2e_dossier_key(d));
			CHECK_INT(0,
			          l2e_dossier_write(&doc, ctx, d,
			                            L2E_FORMAT_EUROPASS_XML));
			CHECK(doc.ptr && strstr(doc.ptr, "<FirstName>Bram") &&
			      strstr(doc.ptr, "<Title>x</Title>") &&
			      strstr(doc.ptr, "<Title>w</Title>") &&
			      strstr(doc.ptr, "<Title>x</Title>") <
			          strstr(doc.ptr, "<Title>w</Title>"));
			for (i = 0; i < l2e_dossier_diag_count(d); i++)
				conflicts +=
				    strstr(l2e_dossier_diag(d, i)->message,
				           "differ; the first is kept") != NULL;
		}
		if (n == 1)
			CHECK_STR("a", l2e_dossier_key(d));
		n++;
		l2e_dossier_free(d);
	}
	CHECK_INT(3, n);
	CHECK_INT(1, conflicts);
	CHECK_STR("none", keys[2]);
	l2e_buf_dispose(&doc);
	l2e_input_free(in);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
}

static const test_case cases[] = {
	TEST_CASE(test_merge__input_next),
	TEST_CASE(test_codelist__installed_lists),
	TEST_CASE(test_zone__dutch_local_date),
	TEST_CASE(test_zone__other_zones),
	TEST_CASE(test_zone__not_zoned_or_broken),
};

TEST_MAIN(cases)
