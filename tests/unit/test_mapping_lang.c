/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_mapping_lang.c - the mapping language's constructs, each run over
 * a small export (map/map_eval.c): group_by, split, transforms, code
 * list chains, dates for date-time fields.
 */
#include "test.h"

#include <stdlib.h>

#include <lob2europass/lob2europass.h>

static l2e_ctx *ctx;

/* Convert `input` with `mapping`; the XML of the first dossier. */
static char *run(const char *mapping, const char *input, l2e_dossier **keep)
{
	l2e_mapping *map = NULL;
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	l2e_buf out = L2E_BUF_INIT;

	if (l2e_mapping_load_memory(&map, ctx, "m.json", mapping,
	                            strlen(mapping),
	                            getenv("L2E_TEST_CODELISTS")) < 0) {
		test_fail(__FILE__, __LINE__, "mapping: %s",
		          l2e_ctx_error(ctx)->message);
		return NULL;
	}
	if (l2e_input_open_memory(&in, ctx, map, "in.json", input,
	                          strlen(input)) == 0 &&
	    l2e_input_next(&d, in) == 0 && d &&
	    l2e_dossier_status_get(d) == L2E_DOSSIER_OK)
		l2e_dossier_write(&out, ctx, d, L2E_FORMAT_EUROPASS_XML);
	if (keep)
		*keep = d;
	else
		l2e_dossier_free(d);
	l2e_input_free(in);
	l2e_mapping_free(map);
	return out.ptr;
}

#define HEAD                                                       \
	"{\"lob2europass_mapping\": 1, \"name\": \"t\", "          \
	"\"opt_in\": [\"career.text\"], "                          \
	"\"source\": {\"format\": \"json\", \"records\": \".\"}, " \
	"\"dossier\": {\"key\": \"nr\"}, \"profile\": {"

static void test_lang__group_by_regroups_long_rows(void)
{
	const char *m = HEAD
	    "\"languages\": {\"each\": \"talen\", \"group_by\": \"taal\", "
	    "\"where\": {\"path\": \"niveau\", \"not_in\": [\"2F\"]},"
	    "\"fields\": {"
	    "\"code\": {\"path\": \"taal\", \"codelist\": "
	    "\"language-iso639-1\"},"
	    "\"reading\": {\"path\": \"niveau\", \"when\": {\"path\": \"vh\", "
	    "\"equals\": \"Lezen\"}},"
	    "\"writing\": {\"path\": \"niveau\", \"when\": {\"path\": \"vh\", "
	    "\"equals\": \"Schrijven\"}}}}}}";
	const char *in =
	    "{\"nr\": \"1\", \"talen\": ["
	    "{\"taal\": \"Engels\", \"vh\": \"Lezen\", \"niveau\": \"B1\"},"
	    "{\"taal\": \"Duits\", \"vh\": \"Lezen\", \"niveau\": \"A2\"},"
	    "{\"taal\": \"Engels\", \"vh\": \"Schrijven\", \"niveau\": \"A2\"},"
	    "{\"taal\": \"Nederlands\", \"vh\": \"Lezen\", \"niveau\": \"2F\"}"
	    "]}";
	char *xml;
	const char *en, *de;

	l2e_ctx_new(&ctx, NULL);
	xml = run(m, in, NULL);
	CHECK(xml != NULL);
	if (xml) {
		en = strstr(xml, "<Code>en</Code>");
		de = strstr(xml, "<Code>de</Code>");
		CHECK(en && de && en < de); /* first appearance order */
		CHECK_CONTAINS(xml, "<Reading>B1</Reading>\n"
		                    "              <Writing>A2</Writing>");
		CHECK(strstr(xml, "<Code>nl</Code>") == NULL); /* where */
		CHECK(en && strstr(en, "ForeignLanguage>") <
		                strstr(en, "<Code>de</Code>"));
	}
	free(xml);
	l2e_ctx_free(ctx);
}

static void test_lang__split_cells(void)
{
	const char *m = HEAD
	    "\"career\": {\"each\": \"c\", \"split\": \",\", \"fields\": {"
	    "\"title\": {\"path\": \".\", \"codelist\": "
	    "\"loopbaancompetentie-nl\"}, \"text\": {\"value\": \"x\"}}}}}";
	char *xml;

	l2e_ctx_new(&ctx, NULL);
	xml = run(m, "{\"nr\": \"1\", \"c\": \"WE, NW,\"}", NULL);
	CHECK_CONTAINS(xml, "Werkexploratie: x\n\nNetwerken: x<");
	free(xml);
	l2e_ctx_free(ctx);
}

static void test_lang__transforms(void)
{
	const char *m = HEAD
	    "\"person\": {\"surname\": {\"path\": \"a\", \"transform\": "
	    "\"title\"}, \"first_name\": {\"path\": \"b\", \"transform\": "
	    "[{\"replace\": [\"/\", \"-\"]}, \"upper\"]}},"
	    "\"education\": {\"each\": \".\", \"fields\": {"
	    "\"title\": {\"path\": \"c\", \"transform\": [{\"pad\": 5}]},"
	    "\"activities\": {\"path\": \"d\", \"transform\": \"decimal\"}}}}}";
	char *xml;

	l2e_ctx_new(&ctx, NULL);
	xml = run(m,
	          "{\"nr\": \"1\", \"a\": \"VAN DEN HOEK-\xC3\x9C"
	          "BEL\", "
	          "\"b\": \"2023/2024 \xC3\xA9\", \"c\": \"9001\", "
	          "\"d\": \"1.234,5\"}",
	          NULL);
	CHECK_CONTAINS(xml, "<Surname>Van Den Hoek-\xC3\x9C"
	                    "bel</Surname>");
	CHECK_CONTAINS(xml, "<FirstName>2023-2024 \xC3\x89</FirstName>");
	CHECK_CONTAINS(xml, "<Title>09001</Title>");
	CHECK_CONTAINS(xml, "<Activities>1234.5</Activities>");
	free(xml);
	l2e_ctx_free(ctx);
}

static void test_lang__codelist_chain_and_dates(void)
{
	const char *m =
	    HEAD "\"document\": {\"created\": {\"path\": \"t\", \"date\": "
	         "\"jjjj-mm-dd*\"}},"
	         "\"work\": {\"each\": \"w\", \"fields\": {"
	         "\"country\": {\"path\": \"land\", \"codelist\": "
	         "\"country-iso3166\"},"
	         "\"country_label\": {\"path\": \"land\", \"codelist\": "
	         "[\"country-iso3166\", \"country-label-nl\"]},"
	         "\"from\": {\"path\": \"van\", \"date\": [\"dd-mm-jjjj\", "
	         "\"tekst\", \"excel\"]}}}}}";
	l2e_dossier *d = NULL;
	char *xml;
	size_t i;
	int has_unmapped = 0;

	l2e_ctx_new(&ctx, NULL);
	xml = run(m,
	          "{\"nr\": \"1\", \"t\": \"2025-07-03T09:15:00+02:00\", "
	          "\"w\": [{\"land\": \"Griekenland\", \"van\": \"maart "
	          "2025\"}, {\"land\": \"6039\", \"van\": \"45537\"}, "
	          "{\"land\": \"Atlantis\"}]}",
	          &d);
	CHECK_CONTAINS(xml, "<CreationDate>2025-07-03T00:00:00Z<");
	CHECK_CONTAINS(xml, "<Code>EL</Code>\n                  "
	                    "<Label>Griekenland</Label>");
	CHECK_CONTAINS(xml, "<Code>UK</Code>");
	CHECK_CONTAINS(xml, "<From year=\"2025\" month=\"--03\"/>");
	CHECK_CONTAINS(xml, "<From year=\"2024\" month=\"--09\" "
	                    "day=\"---02\"/>");
	for (i = 0; i < l2e_dossier_diag_count(d); i++)
		if (strstr(l2e_dossier_diag(d, i)->message,
		           "\"Atlantis\" is not "
		           "in code list country-iso3166"))
			has_unmapped = 1;
	CHECK(has_unmapped);
	l2e_dossier_free(d);
	free(xml);
	l2e_ctx_free(ctx);
}

static const test_case cases[] = {
	TEST_CASE(test_lang__group_by_regroups_long_rows),
	TEST_CASE(test_lang__split_cells),
	TEST_CASE(test_lang__transforms),
	TEST_CASE(test_lang__codelist_chain_and_dates),
};

TEST_MAIN(cases)
