/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_csv_types.c - headerless CSV with record types (read/csv_types.c)
 * through the public API: a file of Deelnemer, Verbintenis and BPV rows
 * as EduArte's LVS export writes it, in memory.
 */
#include "test.h"

#include <lob2europass/lob2europass.h>

#include "core/buf.h"
#include "fixtures.h"

#define TYPES                                                          \
	"\"Deelnemer\": {\"columns\": [\"Achternaam\", \"Nummer\"]},"  \
	"\"Verbintenis\": {\"columns\": [\"Status\", \"Opleiding\"], " \
	"\"children_of\": \"Deelnemer\"},"                             \
	"\"BPV\": {\"columns\": [\"Bedrijf\", \"Plaats\"], "           \
	"\"children_of\": \"Verbintenis\"}"

static const char *mapping =
    "{\"lob2europass_mapping\": 1, \"name\": \"typed\",\n"
    " \"source\": {\"format\": \"csv\", \"separator\": \";\",\n"
    "  \"tables\": {\"lvs\": {\"file\": \"lvs.csv\", \"record_types\": {" TYPES
    "}}},\n"
    "  \"records\": \"Deelnemer\"},\n"
    " \"dossier\": {\"key\": \"Nummer\"},\n"
    " \"profile\": {\"person\": {\"surname\": \"Achternaam\"},\n"
    "  \"education\": {\"each\": \"Verbintenis\", \"fields\": "
    "{\"title\": \"Opleiding\"}},\n"
    "  \"work\": {\"each\": \"Verbintenis.BPV\", \"fields\": "
    "{\"employer\": \"Bedrijf\", \"city\": \"Plaats\"}}}}";

static l2e_ctx *ctx;
static l2e_mapping *map;

/* Convert `csv`; the n-th dossier's XML into `xml`, or an error. */
static int convert_nth(l2e_buf *xml, const char *csv, size_t n)
{
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	size_t i;
	int error;

	if ((error = l2e_input_open_memory(&in, ctx, map, "lvs.csv", csv,
	                                   strlen(csv))) < 0)
		return error;
	for (i = 0; i <= n; i++) {
		l2e_dossier_free(d);
		d = NULL;
		if ((error = l2e_input_next(&d, in)) < 0 || !d)
			break;
	}
	if (!error && d)
		error = l2e_dossier_write(xml, ctx, d, L2E_FORMAT_EUROPASS_XML);
	else if (!error)
		error = L2E_ENOTFOUND;
	l2e_dossier_free(d);
	l2e_input_free(in);
	return error;
}

static long count(const char *s, const char *needle)
{
	long n = 0;

	while (s && (s = strstr(s, needle)) != NULL) {
		n++;
		s++;
	}
	return n;
}

static const char *lvs = "Deelnemer;Jansen;1001\n"
                         "Verbintenis;Actief;Kok\n"
                         "BPV;Bakkerij Zon;Zwolle\n"
                         "BPV;Garage Maan\n" /* short: no Plaats */
                         "Verbintenis;Beeindigd;Bakker\n"
                         "BPV;Hotel Ster;Kampen\n"
                         "Deelnemer;Pieters;1002\n"
                         "Verbintenis;Actief;Kapper\n";

static void test_csv_types__children_nest_under_the_row_above(void)
{
	l2e_buf xml = L2E_BUF_INIT;

	fixture_mapping_open(&ctx, &map, mapping);
	CHECK_INT(0, convert_nth(&xml, lvs, 0));
	CHECK_CONTAINS(xml.ptr, "<Surname>Jansen</Surname>");
	CHECK_CONTAINS(xml.ptr, "<Title>Kok</Title>");
	CHECK_CONTAINS(xml.ptr, "<Title>Bakker</Title>");
	CHECK_CONTAINS(xml.ptr, "<Name>Bakkerij Zon</Name>");
	CHECK_CONTAINS(xml.ptr, "<Name>Garage Maan</Name>");
	CHECK_CONTAINS(xml.ptr, "<Name>Hotel Ster</Name>");
	CHECK_CONTAINS(xml.ptr, "<Municipality>Zwolle</Municipality>");
	/* Zwolle and Kampen: the short row's padded Plaats is no value */
	CHECK_INT(2, count(xml.ptr, "<Municipality>"));
	l2e_buf_dispose(&xml);
	/* a new run: a run converts each student once */
	fixture_mapping_close(&ctx, &map);
	fixture_mapping_open(&ctx, &map, mapping);
	/* the second student has none of the first one's BPV rows */
	CHECK_INT(0, convert_nth(&xml, lvs, 1));
	CHECK_CONTAINS(xml.ptr, "<Surname>Pieters</Surname>");
	CHECK_CONTAINS(xml.ptr, "<Title>Kapper</Title>");
	CHECK(xml.ptr && !strstr(xml.ptr, "Hotel Ster"));
	CHECK(xml.ptr && !strstr(xml.ptr, "<WorkExperienceList>"));
	l2e_buf_dispose(&xml);
	fixture_mapping_close(&ctx, &map);
}

static void expect_read_error(const char *csv, unsigned line, unsigned column,
                              const char *msg)
{
	l2e_buf xml = L2E_BUF_INIT;

	CHECK(convert_nth(&xml, csv, 0) < 0);
	check_error_at(ctx, "lvs.csv", line, column, msg);
	l2e_buf_dispose(&xml);
}

static void test_csv_types__bad_rows_are_errors_at_their_place(void)
{
	fixture_mapping_open(&ctx, &map, mapping);
	/* a BPV row after a new student, before his Verbintenis: never
	   the previous student's enrolment */
	expect_read_error("Deelnemer;A;1\nVerbintenis;x;y\nDeelnemer;B;2\n"
	                  "BPV;Lek;Delft\n",
	                  4, 1,
	                  "this BPV row has no Verbintenis row above it "
	                  "(record_types.BPV.children_of)");
	expect_read_error("Verbintenis;x;y\n", 1, 1,
	                  "no Deelnemer row above it");
	expect_read_error("Deelnemer;A;1;extra\n", 1, 15,
	                  "this Deelnemer row has 3 fields after its record "
	                  "type; record_types.Deelnemer.columns names 2");
	expect_read_error("Deelnemer;A;1\nResultaat;x\n", 2, 1,
	                  "unknown record type \"Resultaat\"; add it to "
	                  "\"record_types\"");
	/* the type is export text: a BSN there is not quoted */
	expect_read_error("Deelnemer;A;1\n111222333;x\n", 2, 1,
	                  "unknown record type \"[");
	CHECK(strstr(l2e_ctx_error(ctx)->message, "111222333") == NULL);
	fixture_mapping_close(&ctx, &map);
}

static void test_csv_types__rows_per_parent_are_limited(void)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;
	l2e_buf xml = L2E_BUF_INIT;

	o.max_items = 2;
	CHECK_INT(0, l2e_ctx_new(&ctx, &o));
	CHECK_INT(0, l2e_mapping_load_memory(&map, ctx, "m.json", mapping,
	                                     strlen(mapping), NULL));
	CHECK_INT(0, convert_nth(&xml,
	                         "Deelnemer;A;1\nVerbintenis;x;y\n"
	                         "BPV;a\nBPV;b\n",
	                         0));
	expect_read_error("Deelnemer;A;1\nVerbintenis;x;y\n"
	                  "BPV;a\nBPV;b\nBPV;c\n",
	                  5, 1,
	                  "more than max_items (2) BPV rows under one "
	                  "Verbintenis row");
	CHECK_INT(L2E_ELIMIT, l2e_ctx_error(ctx)->code);
	l2e_buf_dispose(&xml);
	fixture_mapping_close(&ctx, &map);
}

/* A mapping whose lvs table has `table` as its object's members. */
static void expect_mapping_error(const char *table, const char *more,
                                 unsigned column, const char *msg)
{
	l2e_buf m = L2E_BUF_INIT;

	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	l2e__buf_printf(&m,
	                "{\"lob2europass_mapping\": 1, \"name\": \"t\",\n"
	                "\"source\": {\"format\": \"csv\", %s"
	                "\"tables\": {\"lvs\": {\"file\": \"l.csv\", %s}},\n"
	                "\"records\": \"Deelnemer\"},\n"
	                "\"dossier\": {\"key\": \"Nummer\"},\n"
	                "\"profile\": {\"person\": {\"surname\": \"A\"}}}",
	                more, table);
	CHECK(l2e_mapping_load_memory(&map, ctx, "m.json", m.ptr, m.len, NULL) <
	      0);
	check_error_at(ctx, "m.json", 2, column, msg);
	l2e_mapping_free(map);
	map = NULL;
	l2e_ctx_free(ctx);
	ctx = NULL;
	l2e_buf_dispose(&m);
}

static void test_csv_types__mapping_mistakes_at_their_place(void)
{
	expect_mapping_error("\"record_types\": {\"A\": {\"columns\": [\"x\"], "
	                     "\"children_of\": \"B\"}}",
	                     "", 121, "\"children_of\": no record type \"B\"");
	expect_mapping_error("\"record_types\": {\"A\": {\"columns\": [\"x\"], "
	                     "\"children_of\": \"B\"}, \"B\": {\"columns\": "
	                     "[\"y\"], \"children_of\": \"A\"}}",
	                     "", 121, "goes round in a circle");
	expect_mapping_error("\"record_types\": {\"A\": {\"columns\": [\"x\", "
	                     "\"x\"]}}",
	                     "", 105, "column \"x\" is named twice");
	expect_mapping_error("\"record_types\": {\"A\": {\"columns\": [\"B\"]},"
	                     " \"B\": {\"columns\": [\"y\"], \"children_of\": "
	                     "\"A\"}}",
	                     "", 107, "has the name of a column of \"A\"");
	expect_mapping_error("\"record_types\": {\"A\": {}}", "", 87,
	                     "needs \"columns\"");
	expect_mapping_error("\"type_column\": 2", "", 80,
	                     "\"type_column\" goes with \"record_types\"");
	expect_mapping_error(
	    "\"record_types\": {\"A\": {\"columns\": [\"x\"]}}",
	    "\"key_column\": \"x\", ", 11,
	    "the main table has \"record_types\"");
}

static const test_case cases[] = {
	TEST_CASE(test_csv_types__children_nest_under_the_row_above),
	TEST_CASE(test_csv_types__bad_rows_are_errors_at_their_place),
	TEST_CASE(test_csv_types__rows_per_parent_are_limited),
	TEST_CASE(test_csv_types__mapping_mistakes_at_their_place),
};

TEST_MAIN(cases)
