/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_xml.c - XML exports into the record tree, safely (read/read_xml.c).
 */
#include "test.h"

#include <stdlib.h>

#include <lob2europass/lob2europass.h>

static l2e_ctx *ctx;
static l2e_mapping *map;

static const char *mapping_for(const char *records)
{
	static char text[2048];

	snprintf(
	    text, sizeof(text),
	    "{\"lob2europass_mapping\": 1, \"name\": \"x\",\n"
	    " \"source\": {\"format\": \"xml\", %s},\n"
	    " \"dossier\": {\"key\": \"@nr\"},\n"
	    " \"profile\": {\n"
	    "  \"person\": {\"first_name\": \"persoon.roepnaam\",\n"
	    "   \"surname\": {\"path\": \"persoon.achternaam\", "
	    "\"transform\": \"title\"},\n"
	    "   \"surname_prefix\": \"persoon.voorvoegsel\"},\n"
	    "  \"work\": {\"each\": \"bpv\", \"fields\": {\n"
	    "   \"employer\": \"naam\", \"city\": {\"path\": \"plaats\", "
	    "\"transform\": \"title\"},\n"
	    "   \"activities\": \"omschrijving\",\n"
	    "   \"from\": {\"path\": \"@van\", \"date\": \"jjjjmmdd\"}}}}}",
	    records);
	return text;
}

static void setup(const char *records)
{
	const char *m = mapping_for(records);

	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	CHECK_INT(0, l2e_mapping_load_memory(&map, ctx, "m.json", m, strlen(m),
	                                     NULL));
}

static void teardown(void)
{
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	map = NULL;
	ctx = NULL;
}

/* Convert `xml`; the document of dossier `n`, or NULL. */
static char *convert(const char *xml, size_t len, size_t n, int *rc_out)
{
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	l2e_buf out = L2E_BUF_INIT;
	size_t i;
	int rc;

	rc = l2e_input_open_memory(&in, ctx, map, "in.xml", xml, len);
	for (i = 0; rc == 0 && i <= n; i++) {
		l2e_dossier_free(d);
		d = NULL;
		rc = l2e_input_next(&d, in);
		if (!d)
			break;
	}
	if (rc == 0 && d && l2e_dossier_status_get(d) == L2E_DOSSIER_OK)
		rc = l2e_dossier_write(&out, ctx, d, L2E_FORMAT_EUROPASS_XML);
	*rc_out = rc;
	l2e_dossier_free(d);
	l2e_input_free(in);
	return out.ptr;
}

static const char *doc =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
    "<lob xmlns=\"urn:x\" xmlns:xsi=\"http://www.w3.org/2001/"
    "XMLSchema-instance\" versie=\"7\">\n"
    " <deelnemer nr=\"0204518\">\n"
    "  <persoon><roepnaam>Zo\xEB</roepnaam><voorvoegsel xsi:nil=\"true\"/>"
    "<achternaam>'S-HERTOGENBOSCH</achternaam></persoon>\n"
    "  <bpv van=\"20240902\"><naam>A &amp; B</naam><plaats>M\xDCNSTER"
    "</plaats><omschrijving><![CDATA[Deeg; <ovens>]]></omschrijving>"
    "</bpv>\n"
    "  <bpv van=\"20230904\"><naam>C</naam></bpv>\n"
    " </deelnemer>\n"
    " <deelnemer nr=\"0204519\"><persoon><achternaam>X</achternaam>"
    "</persoon></deelnemer>\n"
    "</lob>\n";

static void test_xml_read__tree(void)
{
	char *xml;
	int rc;

	setup("\"records\": \"deelnemer\"");
	xml = convert(doc, strlen(doc), 0, &rc);
	CHECK_INT(0, rc);
	CHECK_CONTAINS(xml, "<FirstName>Zo\xC3\xAB</FirstName>");
	/* xsi:nil: no prefix; title case keeps 's lower */
	CHECK_CONTAINS(xml, "<Surname>'s-Hertogenbosch</Surname>");
	CHECK_CONTAINS(xml, "<Name>A &amp; B</Name>");
	CHECK_CONTAINS(xml, "<Municipality>M\xC3\xBCnster</Municipality>");
	CHECK_CONTAINS(xml, "<Activities>Deeg; &lt;ovens&gt;</Activities>");
	CHECK_CONTAINS(xml, "<Name>C</Name>"); /* repeated children: a list */
	free(xml);
	xml = convert(doc, strlen(doc), 1, &rc);
	CHECK_INT(0, rc);
	CHECK_CONTAINS(xml, "<Surname>X</Surname>");
	free(xml);
	teardown();
}

static void test_xml_read__xpath_records(void)
{
	char *xml;
	int rc;

	setup("\"records_xpath\": \"/l:lob/l:deelnemer[@nr='0204519']\", "
	      "\"namespaces\": {\"l\": \"urn:x\"}");
	xml = convert(doc, strlen(doc), 0, &rc);
	CHECK_INT(0, rc);
	CHECK_CONTAINS(xml, "<Surname>X</Surname>");
	free(xml);
	teardown();
}

static void expect_refused(const char *xml, size_t len, int code,
                           const char *msg)
{
	char *out;
	int rc;

	out = convert(xml, len, 0, &rc);
	CHECK(out == NULL);
	CHECK_INT(code, rc);
	if (l2e_ctx_error(ctx))
		CHECK_CONTAINS(l2e_ctx_error(ctx)->message, msg);
	else
		test_fail(__FILE__, __LINE__, "no error for: %.40s", xml);
	free(out);
}

static void test_xml_read__hostile(void)
{
	const char *xxe =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE lob [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]>\n<lob><deelnemer nr=\"1\">&x;"
	    "</deelnemer></lob>";
	const char *bomb =
	    "<!DOCTYPE lob [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
	    "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><lob>&b;</lob>";

	setup("\"records\": \"deelnemer\"");
	expect_refused(xxe, strlen(xxe), L2E_EPARSE, "DOCTYPE");
	expect_refused(bomb, strlen(bomb), L2E_EPARSE, "DOCTYPE");
	expect_refused("\x1F\x8B\x08\x00", 4, L2E_EPARSE, "gzip");
	expect_refused("<lob><deelnemer nr=\"1\"></lob>", 29, L2E_EPARSE,
	               "XML: ");
	CHECK_INT(1, l2e_ctx_error(ctx)->line);
	expect_refused("<lob>\n<a></b></lob>", 19, L2E_EPARSE, "XML: ");
	CHECK_INT(2, l2e_ctx_error(ctx)->line);
	teardown();
}

static const test_case cases[] = {
	TEST_CASE(test_xml_read__tree),
	TEST_CASE(test_xml_read__xpath_records),
	TEST_CASE(test_xml_read__hostile),
};

TEST_MAIN(cases)
