/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_lookup.c - look-up tables (map/map_lookup.c, convert/lookup.c)
 * through the public API: a table at the top of the document, tables
 * from other files of the export, chained look-ups, missing ids, limits,
 * and the mapping's mistakes. URL look-ups: tests/net/net_test.py.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lob2europass/lob2europass.h>

#include "core/buf.h"
#include "fixtures.h"

static l2e_ctx *ctx;
static l2e_mapping *map;
static char dir[64];

/* `lookups` and `title` (a path) in a small mapping of students. */
static void load(const char *lookups, const char *title)
{
	l2e_buf m = L2E_BUF_INIT;

	l2e__buf_printf(&m,
	                "{\"lob2europass_mapping\": 1, \"name\": \"lk\",\n"
	                " \"lookups\": {%s},\n"
	                " \"source\": {\"format\": \"json\", \"records\": "
	                "\"students\"},\n"
	                " \"dossier\": {\"key\": \"nr\"},\n"
	                " \"profile\": {\"person\": {\"surname\": \"sn\"},\n"
	                "  \"education\": {\"each\": \"enrolments\", "
	                "\"fields\": {\"title\": \"%s\"}}}}",
	                lookups, title);
	fixture_mapping_open(&ctx, &map, m.ptr);
	l2e_buf_dispose(&m);
}

/* The first dossier of `in` as XML into `xml`; its diags to `d_out`. */
static l2e_dossier *first_dossier(l2e_input *in)
{
	l2e_dossier *d = NULL;

	if (l2e_input_next(&d, in) < 0)
		return NULL;
	return d;
}

static const char *find_diag(const l2e_dossier *d, const char *needle)
{
	size_t i;

	for (i = 0; d && i < l2e_dossier_diag_count(d); i++)
		if (strstr(l2e_dossier_diag(d, i)->message, needle))
			return l2e_dossier_diag(d, i)->message;
	return NULL;
}

static l2e_dossier *convert_memory(const char *json)
{
	l2e_input *in = NULL;
	l2e_dossier *d;

	if (l2e_input_open_memory(&in, ctx, map, "in.json", json,
	                          strlen(json)) < 0)
		return NULL;
	d = first_dossier(in);
	l2e_input_free(in);
	return d;
}

static void write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static l2e_dossier *convert_file(const char *name)
{
	char path[128];
	l2e_input *in = NULL;
	l2e_dossier *d;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (l2e_input_open(&in, ctx, map, path) < 0)
		return NULL;
	d = first_dossier(in);
	l2e_input_free(in);
	return d;
}

static const char *xml_of(l2e_buf *xml, const l2e_dossier *d)
{
	l2e__buf_clear(xml);
	if (!d || l2e_dossier_write(xml, ctx, d, L2E_FORMAT_EUROPASS_XML) < 0)
		return "";
	return xml->ptr;
}

static const char *students =
    "{\"programmes\": [{\"id\": \"p1\", \"name\": \"Kok\"}, "
    "{\"id\": \"p2\", \"name\": \"Kapper\"}],\n"
    " \"students\": [{\"nr\": \"1001\", \"sn\": \"Jansen\", \"enrolments\": "
    "[{\"pid\": \"p2\"}, {\"pid\": \"p7\"}, {\"pid\": \"p7\"}, "
    "{\"pid\": \"111222333\"}]}]}";

static void test_lookup__table_of_the_document(void)
{
	l2e_buf xml = L2E_BUF_INIT;
	l2e_dossier *d;

	load("\"programmes\": {\"table\": \"programmes\", \"key\": \"id\"}",
	     "$lookup(programmes, pid).name");
	d = convert_memory(students);
	CHECK(d != NULL);
	CHECK_INT(L2E_DOSSIER_OK, l2e_dossier_status_get(d));
	CHECK_CONTAINS(xml_of(&xml, d), "<Title>Kapper</Title>");
	/* a missing id: one warning, however often it is asked for */
	CHECK(find_diag(d, "look-up \"programmes\": no entry with id "
	                   "\"p7\"") != NULL);
	/* an id that is a BSN is not quoted */
	CHECK(find_diag(d, "111222333") == NULL);
	CHECK(find_diag(d, "no entry with id \"[") != NULL);
	l2e_dossier_free(d);
	l2e_buf_dispose(&xml);
	fixture_mapping_close(&ctx, &map);
}

static size_t count_diags(const l2e_dossier *d, const char *needle)
{
	size_t i, n = 0;

	for (i = 0; d && i < l2e_dossier_diag_count(d); i++)
		n += strstr(l2e_dossier_diag(d, i)->message, needle) != NULL;
	return n;
}

static void test_lookup__missing_ids_once_per_dossier(void)
{
	l2e_dossier *d;

	load("\"programmes\": {\"table\": \"programmes\", \"key\": \"id\"}",
	     "$lookup(programmes, pid).name");
	d = convert_memory(students);
	CHECK_INT(1, count_diags(d, "\"p7\""));
	l2e_dossier_free(d);
	fixture_mapping_close(&ctx, &map);
}

static void test_lookup__files_beside_the_input(void)
{
	l2e_buf xml = L2E_BUF_INIT;
	l2e_dossier *d;
	char sub[80];

	snprintf(dir, sizeof(dir), "/tmp/l2e-lookup-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(sub, sizeof(sub), "%s/ref", dir);
	CHECK_INT(0, mkdir(sub, 0700));
	/* one entry, a list of entries, two values in one file */
	write_file("ref/a.json", "{\"id\": \"o1\", \"pid\": \"p1\"}");
	write_file("ref/b.json", "[{\"id\": \"o2\", \"pid\": \"p2\"}]\n");
	write_file("ref/p.json",
	           "{\"programme\": {\"code\": \"p1\", \"name\": \"Kok\"}}\n"
	           "{\"programme\": {\"code\": \"p2\", \"name\": "
	           "\"Kapper\"}}\n");
	write_file("s.json",
	           "{\"students\": [{\"nr\": \"1\", \"sn\": \"A\", "
	           "\"enrolments\": [{\"oid\": \"o2\"}, {\"oid\": \"o1\"}]}]}");
	load("\"offerings\": {\"files\": \"ref/[ab].json\", \"key\": \"id\"},"
	     "\"programmes\": {\"files\": \"ref/p.json\", \"entries\": "
	     "\"programme\", \"key\": \"code\"}",
	     "$lookup(programmes, $lookup(offerings, oid).pid).name");
	d = convert_file("s.json");
	CHECK(d != NULL);
	CHECK_INT(L2E_DOSSIER_OK, l2e_dossier_status_get(d));
	CHECK_CONTAINS(xml_of(&xml, d), "<Title>Kapper</Title>");
	CHECK_CONTAINS(xml.ptr, "<Title>Kok</Title>");
	l2e_dossier_free(d);
	fixture_mapping_close(&ctx, &map);

	/* a glob that finds nothing: an error on the dossier */
	load("\"offerings\": {\"files\": \"ref/*.xml\", \"key\": \"id\"}",
	     "$lookup(offerings, oid).pid");
	d = convert_file("s.json");
	CHECK_INT(L2E_DOSSIER_REJECTED, l2e_dossier_status_get(d));
	CHECK(find_diag(d, "no file matches \"ref/*.xml\"") != NULL);
	l2e_dossier_free(d);
	fixture_mapping_close(&ctx, &map);

	/* max_entries: a table too big is an error, not a part of it */
	load("\"offerings\": {\"files\": \"ref/[ab].json\", \"key\": \"id\", "
	     "\"max_entries\": 1}",
	     "$lookup(offerings, oid).pid");
	d = convert_file("s.json");
	CHECK_INT(L2E_DOSSIER_REJECTED, l2e_dossier_status_get(d));
	CHECK(find_diag(d, "more than max_entries (1) entries") != NULL);
	l2e_dossier_free(d);

	/* an input in memory has no folder */
	d = convert_memory("{\"students\": [{\"nr\": \"1\", \"sn\": \"A\", "
	                   "\"enrolments\": [{\"oid\": \"o2\"}]}]}");
	CHECK(find_diag(d, "this input is not a file") != NULL);
	l2e_dossier_free(d);
	fixture_mapping_close(&ctx, &map);
	l2e_buf_dispose(&xml);

	write_file("ref/a.json", "");
	snprintf(sub, sizeof(sub), "rm -rf '%s'", dir);
	CHECK_INT(0, system(sub));
}

static void expect_mapping_error(const char *lookups, const char *title,
                                 const char *msg)
{
	l2e_buf m = L2E_BUF_INIT;
	const l2e_error *e;

	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	l2e__buf_printf(&m,
	                "{\"lob2europass_mapping\": 1, \"name\": \"lk\",\n"
	                " \"lookups\": {%s},\n"
	                " \"source\": {\"format\": \"json\", \"records\": "
	                "\"s\"},\n \"dossier\": {\"key\": \"nr\"},\n"
	                " \"profile\": {\"person\": {\"surname\": \"%s\"}}}",
	                lookups, title);
	CHECK(l2e_mapping_load_memory(&map, ctx, "m.json", m.ptr, m.len, NULL) <
	      0);
	e = l2e_ctx_error(ctx);
	CHECK(e->line > 0 && e->column > 0);
	CHECK_CONTAINS(e->message, msg);
	l2e_mapping_free(map);
	map = NULL;
	l2e_ctx_free(ctx);
	ctx = NULL;
	l2e_buf_dispose(&m);
}

static void test_lookup__mapping_mistakes(void)
{
	expect_mapping_error("\"t\": {\"table\": \"x\", \"key\": \"id\"}",
	                     "$lookup(u, id).name",
	                     "no look-up table \"u\" in \"lookups\"");
	expect_mapping_error("\"t\": {\"table\": \"x\", \"url\": \"/x/{id}\"}",
	                     "sn", "one of \"files\", \"table\" and \"url\"");
	expect_mapping_error("\"t\": {\"key\": \"id\"}", "sn",
	                     "needs one of \"files\"");
	expect_mapping_error("\"t\": {\"table\": \"x\"}", "sn",
	                     "needs \"key\"");
	expect_mapping_error("\"t\": {\"url\": \"/x/{id}\", \"key\": \"id\"}",
	                     "sn", "it has no \"key\"");
	expect_mapping_error("\"t\": {\"url\": \"/x/\"}", "sn",
	                     "holds \"{id}\" once");
	expect_mapping_error("\"t\": {\"url\": \"//evil.example/{id}\"}", "sn",
	                     "relative to the input URL");
	expect_mapping_error("\"t\": {\"files\": \"../x/*.json\", \"key\": "
	                     "\"id\"}",
	                     "sn", "inside the export's folder");
	expect_mapping_error("\"t\": {\"files\": \"/etc/*.json\", \"key\": "
	                     "\"id\"}",
	                     "sn", "inside the export's folder");
	expect_mapping_error("\"t\": {\"table\": \"x\", \"key\": \"id\", "
	                     "\"entries\": \"a\"}",
	                     "sn", "\"entries\" goes with \"files\"");
	expect_mapping_error("\"t\": {\"table\": \"x\", \"key\": \"id\", "
	                     "\"max_requests\": 5}",
	                     "sn", "\"max_requests\" goes with \"url\"");
	expect_mapping_error("\"t x\": {\"table\": \"x\", \"key\": \"id\"}",
	                     "sn", "a look-up table's name");
	/* a table's own key cannot look itself up */
	expect_mapping_error("\"t\": {\"table\": \"x\", \"key\": "
	                     "\"$lookup(t, a)\"}",
	                     "sn", "no look-up table \"t\"");
}

static const test_case cases[] = {
	TEST_CASE(test_lookup__table_of_the_document),
	TEST_CASE(test_lookup__missing_ids_once_per_dossier),
	TEST_CASE(test_lookup__files_beside_the_input),
	TEST_CASE(test_lookup__mapping_mistakes),
};

TEST_MAIN(cases)
