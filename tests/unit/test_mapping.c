/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_mapping.c - the mapping loader reports problems where they are
 * (map/map_load.c).
 */
#include "test.h"

#include <stdlib.h>

#include <lob2europass/lob2europass.h>

#include "fixtures.h"

#define HEAD                                                             \
	"{\"lob2europass_mapping\": 1, \"name\": \"t\",\n"               \
	" \"source\": {\"format\": \"json\", \"records\": \"items\"},\n" \
	" \"dossier\": {\"key\": \"id\"},\n"

static l2e_ctx *ctx;

/* Load `text`; return the error code and keep the error on ctx. */
static int load(const char *text, const char *codelists)
{
	l2e_mapping *map = NULL;
	int rc;

	rc = l2e_mapping_load_memory(&map, ctx, "m.json", text, strlen(text),
	                             codelists);
	l2e_mapping_free(map);
	return rc;
}

static void expect(const char *text, unsigned line, unsigned column,
                   const char *msg)
{
	CHECK_INT(L2E_EMAPPING, load(text, NULL));
	check_error_at(ctx, "m.json", line, column, msg);
}

static void test_mapping_load__valid(void)
{
	l2e_ctx_new(&ctx, NULL);
	CHECK_INT(0, load(HEAD
	                  " \"profile\": {\"person\": {\"surname\": "
	                  "{\"path\": \"s\", \"required\": true}},\n"
	                  "  \"work\": {\"each\": \"w\", \"where\": {\"path\": "
	                  "\"st\", \"in\": [\"a\"]}, \"fields\": {\"from\": "
	                  "{\"path\": \"f\", \"date\": [\"dd-mm-jjjj\"]}}}}}",
	                  NULL));
	l2e_ctx_free(ctx);
}

static void test_mapping_load__errors_point_at_the_problem(void)
{
	l2e_ctx_new(&ctx, NULL);
	expect(HEAD " \"profile\": {\"persoon\": {}}}", 4, 14,
	       "unknown profile section \"persoon\"");
	expect(HEAD " \"profile\": {\"person\": {\"achternaam\": \"x\"}}}", 4,
	       25, "person has no field \"achternaam\"");
	expect(HEAD " \"profile\": {\"person\": {\"surname\": \"a..b\"}}}", 4,
	       39, "bad path \"a..b\"");
	expect(HEAD " \"profile\": {\"person\": {\"surname\": {\"path\": \"s\","
	            " \"requird\": true}}}}",
	       4, 50, "unknown key \"requird\"");
	expect(HEAD " \"profile\": {\"work\": {\"each\": \"w\", \"fields\": "
	            "{\"from\": {\"path\": \"f\", \"date\": \"dd-mm-jjj\"}}}}}",
	       4, 77, "bad date format");
	expect(HEAD " \"profile\": {\"person\": {\"birth_date\": \"b\"}}}", 4,
	       25, "personal data");
	expect(HEAD " \"profile\": {\"work\": {\"fields\": {}}}}", 4, 22,
	       "needs \"each\"");
	expect(HEAD " \"profile\": {\"person\": {\"surname\": {\"path\": \"s\","
	            " \"value\": \"x\"}}}}",
	       4, 36, "exactly one of");
	expect(HEAD " \"profile\": {\"work\": {\"each\": \"w\", \"where\": "
	            "{\"equals\": 1}, \"fields\": {}}}}",
	       4, 45, "needs \"path\"");
	expect("{\"lob2europass_mapping\": 2}", 1, 26, "version");
	expect("{\"lob2europass_mapping\": 1,\n \"name\": \"t\",\n"
	       " \"source\": {\"format\": \"yaml\"}}",
	       3, 23, "unknown source format");
	expect("{\"a\": 1,}", 1, 9, "syntax error");
	expect("", 1, 1, "empty");
	l2e_ctx_free(ctx);
}

static void test_mapping_load__opt_in_allows_personal_data(void)
{
	l2e_ctx_new(&ctx, NULL);
	CHECK_INT(
	    0, load(HEAD " \"opt_in\": [\"person.birth_date\"],\n"
	                 " \"profile\": {\"person\": {\"birth_date\": \"b\"}}}",
	            NULL));
	expect(HEAD " \"opt_in\": [\"person.surname\"],\n"
	            " \"profile\": {}}",
	       4, 13, "needs no opt-in");
	l2e_ctx_free(ctx);
}

static void test_mapping_load__codelists(void)
{
	const char *dir = getenv("L2E_TEST_CODELISTS");

	l2e_ctx_new(&ctx, NULL);
	CHECK(dir != NULL);
	if (dir) {
		CHECK_INT(0,
		          load(HEAD
		               " \"profile\": {\"education\": {\"each\": "
		               "\"e\", \"fields\": {\"eqf_level\": {\"path\": "
		               "\"n\", \"codelist\": \"mbo-niveau-eqf\"}}}}}",
		               dir));
		CHECK_INT(L2E_EMAPPING,
		          load(HEAD
		               " \"profile\": {\"education\": {\"each\": "
		               "\"e\", \"fields\": {\"eqf_level\": {\"path\": "
		               "\"n\", \"codelist\": \"no-such-list\"}}}}}",
		               dir));
		CHECK_CONTAINS(l2e_ctx_error(ctx)->message,
		               "unknown code list");
		CHECK_INT(L2E_EMAPPING,
		          load(HEAD
		               " \"profile\": {\"education\": {\"each\": "
		               "\"e\", \"fields\": {\"eqf_level\": {\"path\": "
		               "\"n\", \"codelist\": \"../etc/passwd\"}}}}}",
		               dir));
		CHECK_CONTAINS(l2e_ctx_error(ctx)->message, "a code list name");
	}
	l2e_ctx_free(ctx);
}

static void test_mapping_load__shipped_mappings(void)
{
	const char *path = getenv("L2E_TEST_MAPPING");
	l2e_mapping *map = NULL;

	l2e_ctx_new(&ctx, NULL);
	CHECK(path != NULL);
	if (path) {
		CHECK_INT(0, l2e_mapping_load(&map, ctx, path));
		CHECK_STR("koerskaart-json", l2e_mapping_name(map));
	}
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
}

static const test_case cases[] = {
	TEST_CASE(test_mapping_load__valid),
	TEST_CASE(test_mapping_load__errors_point_at_the_problem),
	TEST_CASE(test_mapping_load__opt_in_allows_personal_data),
	TEST_CASE(test_mapping_load__codelists),
	TEST_CASE(test_mapping_load__shipped_mappings),
};

TEST_MAIN(cases)
