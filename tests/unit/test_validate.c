/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_validate.c - lob2europass validate: detection, the built-in
 * checks, reports, the draft-04 JSON schema validator and the offline
 * XSD loader (validate/). Nothing here needs ../shared: schemas are
 * small ones written by the tests.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <lob2europass/lob2europass.h>

#include "core/buf.h"
#include "core/pool.h"
#include "read/json_tree.h"
#include "validate/validate_int.h"

#define NS "http://europass.cedefop.europa.eu/Europass"

static l2e_ctx *ctx;
static l2e_validator *val;

static void setup(void)
{
	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	CHECK_INT(0, l2e_validator_new(&val, ctx, NULL));
}

static void teardown(void)
{
	l2e_validator_free(val);
	l2e_ctx_free(ctx);
	val = NULL;
	ctx = NULL;
}

/* The report on `text` (no schemas: built-in checks only). */
static l2e_report *check_text(const char *name, const char *text)
{
	l2e_report *r = NULL;

	CHECK_INT(0, l2e_validate_memory(&r, val, name, text, strlen(text)));
	return r;
}

/* The first finding with rule `rule`, or NULL. */
static const l2e_diag *finding(const l2e_report *r, const char *rule)
{
	size_t i;

	for (i = 0; i < l2e_report_count(r); i++)
		if (l2e_report_diag(r, i)->rule &&
		    !strcmp(l2e_report_diag(r, i)->rule, rule))
			return l2e_report_diag(r, i);
	return NULL;
}

/* A one-line v3 document with `learner` as its LearnerInfo. */
static l2e_report *check_v3(const char *learner)
{
	static char text[4096];

	snprintf(text, sizeof(text), "%s%s%s",
	         "<SkillsPassport xmlns=\"" NS "\">"
	         "<DocumentInfo><DocumentType>ECV</DocumentType>"
	         "<CreationDate>2025-01-01T00:00:00Z</CreationDate>"
	         "<LastUpdateDate>2025-01-01T00:00:00Z</LastUpdateDate>"
	         "<XSDVersion>V3.4</XSDVersion><Generator>t</Generator>"
	         "</DocumentInfo><LearnerInfo>",
	         learner, "</LearnerInfo></SkillsPassport>");
	return check_text("doc.xml", text);
}

/* ==== Detection ==== */

static void test_validate_detect__syntax(void)
{
	CHECK_INT(L2E__SYNTAX_XML, l2e__detect_syntax("  <a/>", 6));
	CHECK_INT(L2E__SYNTAX_XML, l2e__detect_syntax("\xEF\xBB\xBF<a/>", 7));
	CHECK_INT(L2E__SYNTAX_XML, l2e__detect_syntax("\xFF\xFE<\0", 4));
	CHECK_INT(L2E__SYNTAX_JSON, l2e__detect_syntax("\n{}", 3));
	CHECK_INT(L2E__SYNTAX_JSON, l2e__detect_syntax("[1]", 3));
	CHECK_INT(L2E__SYNTAX_UNKNOWN, l2e__detect_syntax("hello", 5));
	CHECK_INT(L2E__SYNTAX_UNKNOWN, l2e__detect_syntax("   ", 3));
	CHECK_INT(L2E__SYNTAX_UNKNOWN, l2e__detect_syntax("", 0));
}

static void detect_xml(l2e__detected *d, const char *text)
{
	xmlDoc *doc = xmlReadMemory(text, (int)strlen(text), "t.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                XML_PARSE_NOWARNING);

	CHECK(doc != NULL);
	memset(d, 0, sizeof(*d));
	if (doc)
		l2e__detect_xml(d, doc);
	xmlFreeDoc(doc);
}

static void test_validate_detect__xml(void)
{
	static const struct {
		const char *text;
		l2e_doc_kind kind;
		const char *version;
	} cases[] = {
		{ "<SkillsPassport xmlns='" NS "'><DocumentInfo>"
		  "<XSDVersion> V3.4 </XSDVersion></DocumentInfo>"
		  "</SkillsPassport>",
		  L2E_DOC_V3_XML, "V3.4" },
		{ "<SkillsPassport xmlns='" NS "'><DocumentInfo>"
		  "<XSDVersion>V3.2</XSDVersion></DocumentInfo>"
		  "</SkillsPassport>",
		  L2E_DOC_OLDER, "V3.2" },
		{ "<SkillsPassport xmlns='" NS "'/>", L2E_DOC_V3_XML, "" },
		{ "<europass:learnerinfo xmlns:europass='" NS "/V2.0'/>",
		  L2E_DOC_OLDER, "V2.0" },
		{ "<learnerinfo xmlns='" NS "/V1.2'/>", L2E_DOC_OLDER, "V1.2" },
		{ "<Candidate xmlns='http://www.europass.eu/1.0' "
		  "xmlns:hr='http://www.hr-xml.org/3'><hr:DocumentID "
		  "schemeVersionID='4.0'/></Candidate>",
		  L2E_DOC_CV_XML, "4.0" },
		{ "<SkillsPassport/>", L2E_DOC_NOT_EUROPASS, "" },
		{ "<html/>", L2E_DOC_NOT_EUROPASS, "" },
	};
	l2e__detected d;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		detect_xml(&d, cases[i].text);
		CHECK_INT(cases[i].kind, d.kind);
		CHECK_STR(cases[i].version, d.version);
	}
	detect_xml(&d, "<html/>");
	CHECK_CONTAINS(d.what, "<html> without a namespace");
}

static void detect_json(l2e__detected *d, const char *text)
{
	l2e__pool pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL;

	l2e__json_cursor_init(&cur, "t.json", text, strlen(text),
	                      l2e_ctx_options_get(ctx));
	CHECK_INT(0, l2e__json_next(&root, &pool, ctx, &cur));
	l2e__detect_json(d, root);
	l2e__pool_clear(&pool);
}

static void test_validate_detect__json(void)
{
	l2e__detected d;

	setup();
	detect_json(&d, "{\"SkillsPassport\": {\"DocumentInfo\": "
	                "{\"XSDVersion\": \"V3.4\"}}}");
	CHECK_INT(L2E_DOC_V3_JSON, d.kind);
	CHECK_STR("V3.4", d.version);
	detect_json(&d, "{\"SkillsPassport\": {\"DocumentInfo\": "
	                "{\"XSDVersion\": \"V3.0\"}}}");
	CHECK_INT(L2E_DOC_OLDER, d.kind);
	CHECK_STR("Europass JSON V3.0", d.what);
	detect_json(&d, "{\"SkillsPassport\": 7}");
	CHECK_INT(L2E_DOC_V3_JSON, d.kind); /* the schema says what is wrong */
	CHECK_STR("", d.version);
	detect_json(&d, "{\"students\": []}");
	CHECK_INT(L2E_DOC_NOT_EUROPASS, d.kind);
	detect_json(&d, "[1, 2]");
	CHECK_INT(L2E_DOC_NOT_EUROPASS, d.kind);
	teardown();
}

/* ==== Value rules ==== */

static void test_validate_rules__levels(void)
{
	static const char *const cefr_ok[] = { "A1", "A2", "B1",
		                               "B2", "C1", "C2" };
	static const char *const cefr_bad[] = { "D1",  "A3", "a1", "A",
		                                "A1 ", "",   "C21" };
	size_t i;

	for (i = 0; i < sizeof(cefr_ok) / sizeof(cefr_ok[0]); i++)
		CHECK(l2e__check_cefr(cefr_ok[i]));
	for (i = 0; i < sizeof(cefr_bad) / sizeof(cefr_bad[0]); i++)
		CHECK(!l2e__check_cefr(cefr_bad[i]));
	CHECK(l2e__check_eqf("1"));
	CHECK(l2e__check_eqf("8"));
	CHECK(!l2e__check_eqf("0"));
	CHECK(!l2e__check_eqf("9"));
	CHECK(!l2e__check_eqf("10"));
	CHECK(!l2e__check_eqf(""));
}

static void test_validate_rules__dates(void)
{
	long a[3] = { 2024, 9, 2 }, b[3] = { 2024, 9, 0 },
	     c[3] = { 2023, 0, 0 };
	long d[3] = { 2024, 8, 31 };

	CHECK(l2e__check_date_exists(2024, 2, 29));
	CHECK(!l2e__check_date_exists(2023, 2, 29));
	CHECK(!l2e__check_date_exists(1900, 2, 29));
	CHECK(l2e__check_date_exists(2000, 2, 29));
	CHECK(!l2e__check_date_exists(2024, 4, 31));
	CHECK(!l2e__check_date_exists(2024, 13, 1));
	CHECK(l2e__check_date_exists(2024, 0, 0));
	CHECK(l2e__check_date_exists(2024, 2, 0));
	/* compared on the parts both give */
	CHECK_INT(0, l2e__check_date_cmp(a, b));
	CHECK(l2e__check_date_cmp(c, a) < 0);
	CHECK(l2e__check_date_cmp(a, d) > 0);
	CHECK(l2e__check_date_cmp(d, a) < 0);
}

/* ==== Reports (built-in checks, no schemas) ==== */

static void test_validate_report__valid_v3(void)
{
	l2e_report *r;

	setup();
	r = check_v3("");
	CHECK_INT(L2E_DOC_V3_XML, l2e_report_kind(r));
	CHECK_STR("V3.4", l2e_report_version(r));
	CHECK_INT(1, l2e_report_is_valid(r));
	CHECK_INT(0, l2e_report_count(r));
	CHECK_INT(L2E_SCHEMA_SKIPPED, l2e_report_schema_status(r));
	CHECK_CONTAINS(l2e_validator_schema_note(val),
	               "schema validation skipped: no schemas found");
	l2e_report_free(r);
	teardown();
}

static void test_validate_report__builtin_findings(void)
{
	l2e_report *r;
	const l2e_diag *d;

	setup();
	r = check_v3("<WorkExperienceList><WorkExperience><Period>"
	             "<From year=\"2024\" month=\"--02\" day=\"---30\"/>"
	             "<To year=\"2023\"/></Period></WorkExperience>"
	             "<WorkExperience><Period><From year=\"2020\"/>"
	             "<To year=\"2019\" month=\"--05\"/></Period>"
	             "</WorkExperience></WorkExperienceList>"
	             "<Skills><Linguistic><ForeignLanguageList>"
	             "<ForeignLanguage><Description><Code>xx</Code>"
	             "</Description><ProficiencyLevel>"
	             "<Listening>D1</Listening></ProficiencyLevel>"
	             "</ForeignLanguage></ForeignLanguageList>"
	             "</Linguistic></Skills>");
	CHECK_INT(0, l2e_report_is_valid(r));
	d = finding(r, "date");
	CHECK(d != NULL);
	if (d) {
		CHECK_CONTAINS(d->message, "2024-02-30 does not exist");
		CHECK_STR("/SkillsPassport/LearnerInfo/WorkExperienceList/"
		          "WorkExperience[1]/Period/From",
		          d->field);
		CHECK_INT(1, d->line);
		CHECK(d->column > 300); /* a one-line document */
	}
	d = finding(r, "date-order");
	CHECK(d != NULL);
	if (d)
		CHECK_STR("/SkillsPassport/LearnerInfo/WorkExperienceList/"
		          "WorkExperience[2]/Period/To",
		          d->field);
	d = finding(r, "cefr");
	CHECK(d != NULL);
	if (d)
		CHECK_CONTAINS(d->message, "\"D1\" is not a CEFR level");
	d = finding(r, "language-code");
	CHECK(d != NULL);
	l2e_report_free(r);
	teardown();
}

static void test_validate_report__text_format(void)
{
	l2e_buf out = L2E_BUF_INIT;
	l2e_report *r;

	setup();
	r = check_text("a.xml", "<SkillsPassport xmlns=\"" NS "\">\n"
	                        "  <DocumentInfo/>\n</SkillsPassport>\n");
	CHECK_INT(0, l2e_report_format(&out, r, L2E_REPORT_TEXT));
	CHECK_STR("a.xml:1:1: error: <SkillsPassport> lacks <LearnerInfo> "
	          "(at /SkillsPassport) [structure]\n"
	          "a.xml:2:3: error: <DocumentInfo> lacks <DocumentType> "
	          "(at /SkillsPassport/DocumentInfo) [structure]\n"
	          "a.xml:2:3: error: <DocumentInfo> lacks <CreationDate> "
	          "(at /SkillsPassport/DocumentInfo) [structure]\n"
	          "a.xml:2:3: error: <DocumentInfo> lacks <LastUpdateDate> "
	          "(at /SkillsPassport/DocumentInfo) [structure]\n"
	          "a.xml:2:3: error: <DocumentInfo> lacks <XSDVersion> "
	          "(at /SkillsPassport/DocumentInfo) [structure]\n"
	          "a.xml:2:3: error: <DocumentInfo> lacks <Generator> "
	          "(at /SkillsPassport/DocumentInfo) [structure]\n"
	          "a.xml: invalid (europass-v3-xml; 6 errors, 0 warnings; "
	          "schema validation skipped)\n",
	          out.ptr);
	l2e_buf_dispose(&out);
	l2e_report_free(r);
	teardown();
}

static void test_validate_report__json_format(void)
{
	l2e_buf out = L2E_BUF_INIT;
	l2e_report *r;

	setup();
	r = check_text("b\"c.json", "{\"x\": 1}");
	CHECK_INT(0, l2e_report_format(&out, r, L2E_REPORT_JSON));
	CHECK_STR("{\"file\": \"b\\\"c.json\", \"kind\": \"not-europass\", "
	          "\"version\": null, \"valid\": false, \"schema\": "
	          "\"not-applicable\", \"errors\": 1, \"warnings\": 0, "
	          "\"findings\": [{\"severity\": \"error\", \"line\": 0, "
	          "\"column\": 0, \"path\": null, \"rule\": \"kind\", "
	          "\"message\": \"not a Europass document: a JSON document "
	          "without a \\\"SkillsPassport\\\" member\"}]}",
	          out.ptr);
	l2e_buf_dispose(&out);
	l2e_report_free(r);
	teardown();
}

static void test_validate_report__unusual_inputs(void)
{
	static const struct {
		const char *text;
		size_t len;
		const char *rule, *message;
		unsigned line, column;
	} cases[] = {
		{ "", 0, "kind", "the file is empty", 0, 0 },
		{ "\x1F\x8B\x08\x00", 4, "xml-refused", "compressed (gzip)", 0,
		  0 },
		{ "<?xml version='1.0'?>\n<!DOCTYPE a [<!ENTITY x 'y'>]><a/>",
		  0, "xml-refused", "DOCTYPE", 2, 0 },
		{ "<a>\n  <b></c>\n</a>", 0, "xml-syntax", "mismatch", 2, 0 },
		{ "{\n  \"a\": [1,,]\n}", 0, "json-syntax", "JSON syntax error",
		  2, 0 },
		{ "{\"a\": 1, \"a\": 2}", 0, "json-syntax", "duplicate key", 1,
		  0 },
		{ "{} {}", 0, "json-syntax", "text after", 1, 4 },
		{ "<learnerinfo xmlns='" NS "/V2.0'/>", 0, "version",
		  "Europass XML V2.0, an older Europass version", 0, 0 },
	};
	l2e_report *r = NULL;
	const l2e_diag *d;
	size_t i;

	setup();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len =
		    cases[i].len ? cases[i].len : strlen(cases[i].text);

		CHECK_INT(
		    0, l2e_validate_memory(&r, val, "u", cases[i].text, len));
		if (!r)
			continue;
		CHECK_INT(0, l2e_report_is_valid(r));
		d = finding(r, cases[i].rule);
		CHECK(d != NULL);
		if (d) {
			CHECK_CONTAINS(d->message, cases[i].message);
			CHECK_INT(cases[i].line, d->line);
			if (cases[i].column)
				CHECK_INT(cases[i].column, d->column);
		}
		l2e_report_free(r);
		r = NULL;
	}
	CHECK(l2e_ctx_error(ctx) == NULL); /* findings, not errors */
	teardown();
}

static void test_validate_report__national_id(void)
{
	l2e_report *r;
	const l2e_diag *d;
	size_t i;

	setup();
	r = check_v3("<Identification><PersonName><FirstName>Zo "
	             "111222333</FirstName></PersonName></Identification>");
	CHECK_INT(1, l2e_report_is_valid(r)); /* a warning */
	d = finding(r, "national-id");
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(L2E_SEVERITY_WARNING, d->severity);
		CHECK_STR("/SkillsPassport/LearnerInfo/Identification/"
		          "PersonName/FirstName",
		          d->field);
	}
	for (i = 0; i < l2e_report_count(r); i++)
		CHECK(!strstr(l2e_report_diag(r, i)->message, "111222333"));
	l2e_report_free(r);
	teardown();
}

static void test_validate_report__too_many(void)
{
	l2e_validate_options o = L2E_VALIDATE_OPTIONS_INIT;
	l2e_buf doc = L2E_BUF_INIT;
	l2e_report *r = NULL;
	int i;

	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	o.max_findings = 5;
	CHECK_INT(0, l2e_validator_new(&val, ctx, &o));
	l2e__buf_puts(&doc, "<SkillsPassport xmlns=\"" NS "\">");
	for (i = 0; i < 20; i++)
		l2e__buf_puts(&doc, "<Bogus/>");
	l2e__buf_puts(&doc, "</SkillsPassport>");
	CHECK_INT(0, l2e_validate_memory(&r, val, "m", doc.ptr, doc.len));
	CHECK_INT(5, l2e_report_count(r));
	CHECK(finding(r, "too-many") != NULL);
	l2e_report_free(r);
	l2e_buf_dispose(&doc);
	teardown();
}

/* ==== The JSON schema validator ==== */

typedef struct jcase {
	const char *schema;
	const char *doc;
	int is_valid;
	const char *rule, *pointer; /* of the first finding, if any */
} jcase;

static void run_jcases(const jcase *cases, size_t n)
{
	size_t i;

	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	for (i = 0; i < n; i++) {
		l2e__jschema *s = NULL;
		l2e__pool pool = L2E__POOL_INIT;
		l2e__json_cursor cur;
		l2e__node *root = NULL;
		l2e_report *r = l2e__report_new("j", 0);
		int rc;

		CHECK_INT(0, l2e__jschema_load_memory(&s, ctx, "s.json",
		                                      cases[i].schema,
		                                      strlen(cases[i].schema)));
		l2e__json_cursor_init(&cur, "j", cases[i].doc,
		                      strlen(cases[i].doc),
		                      l2e_ctx_options_get(ctx));
		CHECK_INT(0, l2e__json_next(&root, &pool, ctx, &cur));
		rc = s && root ? l2e__jschema_validate(s, r, root) : -1;
		if (rc != cases[i].is_valid)
			test_fail(
			    __FILE__, __LINE__,
			    "case %zu: %s against %s: expected %d, got %d", i,
			    cases[i].doc, cases[i].schema, cases[i].is_valid,
			    rc);
		if (cases[i].rule && r->n_items) {
			CHECK_STR(cases[i].rule, r->items[0].rule);
			CHECK_STR(cases[i].pointer, r->items[0].field);
		}
		l2e__pool_clear(&pool);
		l2e__jschema_free(s);
		l2e_report_free(r);
	}
	l2e_ctx_free(ctx);
	ctx = NULL;
}

static void test_validate_jschema__keywords(void)
{
	static const jcase cases[] = {
		{ "{\"type\": \"string\"}", "\"x\"", 1, NULL, NULL },
		{ "{\"type\": \"string\"}", "7", 0, "json-schema:type", "" },
		{ "{\"type\": [\"string\", \"null\"]}", "null", 1, NULL, NULL },
		{ "{\"type\": \"integer\"}", "7", 1, NULL, NULL },
		{ "{\"type\": \"integer\"}", "7.0", 0, "json-schema:type", "" },
		{ "{\"type\": \"number\"}", "1e3", 1, NULL, NULL },
		{ "{\"type\": \"number\"}", "true", 0, "json-schema:type", "" },
		{ "{\"enum\": [1, \"a\"]}", "1.0", 1, NULL, NULL },
		{ "{\"enum\": [1]}", "true", 0, "json-schema:enum", "" },
		{ "{\"enum\": [[1, {\"a\": null}]]}", "[1, {\"a\": null}]", 1,
		  NULL, NULL },
		{ "{\"properties\": {\"a\": {\"type\": \"string\"}}, "
		  "\"additionalProperties\": false}",
		  "{\"a\": \"x\", \"b~/\": 1}", 0,
		  "json-schema:additionalProperties", "/b~0~1" },
		{ "{\"additionalProperties\": {\"type\": \"number\"}}",
		  "{\"a\": 1, \"b\": \"x\"}", 0, "json-schema:type", "/b" },
		{ "{\"items\": {\"type\": \"number\"}, \"minItems\": 1}",
		  "[1, \"x\"]", 0, "json-schema:type", "/1" },
		{ "{\"minItems\": 1}", "[]", 0, "json-schema:minItems", "" },
		{ "{\"maxItems\": 1}", "[1, 2]", 0, "json-schema:maxItems",
		  "" },
		{ "{\"required\": [\"a\"]}", "{}", 0, "json-schema:required",
		  "" },
		{ "{\"minLength\": 2, \"maxLength\": 2}",
		  "\"\xC3\xA9\xC3\xA9\"", 1, NULL, NULL },
		{ "{\"maxLength\": 1}", "\"ab\"", 0, "json-schema:maxLength",
		  "" },
		{ "{\"minProperties\": 1}", "{}", 0,
		  "json-schema:minProperties", "" },
		{ "{\"allOf\": [{\"type\": \"object\"}, {\"required\": "
		  "[\"a\"]}]}",
		  "{}", 0, "json-schema:required", "" },
		{ "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": "
		  "\"number\"}]}",
		  "null", 0, "json-schema:anyOf", "" },
		{ "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": "
		  "\"number\"}]}",
		  "2", 1, NULL, NULL },
		{ "{\"oneOf\": [{\"type\": \"number\"}, {\"type\": "
		  "\"integer\"}]}",
		  "2", 0, "json-schema:oneOf", "" },
		{ "{\"oneOf\": [{\"type\": \"number\"}, {\"type\": "
		  "\"integer\"}]}",
		  "2.5", 1, NULL, NULL },
		{ "{\"not\": {\"type\": \"null\"}}", "null", 0,
		  "json-schema:not", "" },
		/* $ref: the referenced schema alone applies */
		{ "{\"definitions\": {\"s\": {\"type\": \"string\"}}, "
		  "\"properties\": {\"a\": {\"$ref\": \"#/definitions/s\", "
		  "\"type\": \"number\"}}}",
		  "{\"a\": \"x\"}", 1, NULL, NULL },
		{ "{\"definitions\": {\"n\": {\"items\": {\"$ref\": "
		  "\"#/definitions/n\"}, \"type\": \"array\"}}, "
		  "\"$ref\": \"#/definitions/n\"}",
		  "[[[]], [[1]]]", 0, "json-schema:type", "/1/0/0" },
		/* unknown keywords are ignored, as draft-04 says */
		{ "{\"contentEncoding\": \"base64\", \"x-note\": 1}", "1", 1,
		  NULL, NULL },
	};

	run_jcases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_validate_jschema__patterns(void)
{
	static const jcase cases[] = {
		{ "{\"pattern\": \"^[A-Z]{2}$\"}", "\"NL\"", 1, NULL, NULL },
		{ "{\"pattern\": \"^[A-Z]{2}$\"}", "\"NLD\"", 0,
		  "json-schema:pattern", "" },
		/* "$" is the end, not before a final newline (ECMA-262) */
		{ "{\"pattern\": \"^[A-Z]{2}$\"}", "\"NL\\n\"", 0,
		  "json-schema:pattern", "" },
		/* a search, not anchored */
		{ "{\"pattern\": \"[0-9]{3}\"}", "\"ab123cd\"", 1, NULL, NULL },
		{ "{\"pattern\": \"^V[0-9]\\\\.[0-9]$\"}", "\"V3.4\"", 1, NULL,
		  NULL },
		{ "{\"pattern\": \"^V[0-9]\\\\.[0-9]$\"}", "\"V3x4\"", 0,
		  "json-schema:pattern", "" },
		{ "{\"pattern\": \"^a(-b)?(c|d)+$\"}", "\"a-bcdc\"", 1, NULL,
		  NULL },
		{ "{\"pattern\": \"^[-a\\\\]]{2,}$\"}", "\"a]-\"", 1, NULL,
		  NULL },
		{ "{\"pattern\": \"^\\\\d{2}$\"}", "\"07\"", 1, NULL, NULL },
		{ "{\"pattern\": \"^[a-z]$\"}", "\"\xC3\xA9\"", 0,
		  "json-schema:pattern", "" },
	};

	run_jcases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_validate_jschema__refused(void)
{
	static const char *const schemas[] = {
		"{\"minimum\": 1}",
		"{\"uniqueItems\": true}",
		"{\"patternProperties\": {}}",
		"{\"items\": [{}]}",
		"{\"pattern\": \"a.b\"}",
		"{\"pattern\": \"[^a]\"}",
		"{\"pattern\": \"\\\\w+\"}",
		"{\"pattern\": \"a*?\"}",
		"{\"pattern\": \"(?=a)\"}",
		"{\"$ref\": \"other.json#/x\"}",
		"{\"properties\": {\"a\": {\"id\": \"#a\"}}}",
	};
	l2e__jschema *bad = NULL;
	size_t i;

	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	for (i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		l2e__jschema *s = NULL;
		int rc = l2e__jschema_load_memory(&s, ctx, "s.json", schemas[i],
		                                  strlen(schemas[i]));

		if (rc != L2E_ENOTSUPPORTED)
			test_fail(__FILE__, __LINE__,
			          "%s: expected refused, "
			          "got %d",
			          schemas[i], rc);
		CHECK(s == NULL);
		CHECK(l2e_ctx_error(ctx) != NULL);
		l2e__jschema_free(s);
	}
	/* not a schema at all: a parse error, not "unsupported" */
	CHECK_INT(L2E_EPARSE,
	          l2e__jschema_load_memory(&bad, ctx, "s", "[1]", 3));
	CHECK_INT(L2E_EPARSE, l2e__jschema_load_memory(&bad, ctx, "s",
	                                               "{\"type\": 3}", 11));
	l2e_ctx_free(ctx);
	ctx = NULL;
}

/* ==== The XSD loader, offline ==== */

static char tmpdir[64];

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void remove_tree(void)
{
	static const char *const files[] = { "v3.4.1/xsd/inc/types.xsd",
		                             "v3.4.1/xsd/EuropassSchema.xsd",
		                             "v3.4.1/xsd/catalog.xml",
		                             "v3.4.1/xsd/net.xsd",
		                             "v3.4.1/outside.xsd",
		                             "v3.4.1/xsd/escape.xsd",
		                             NULL };
	static const char *const dirs[] = { "v3.4.1/xsd/inc", "v3.4.1/xsd",
		                            "v3.4.1", "", NULL };
	char path[256];
	size_t i;

	for (i = 0; files[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	for (i = 0; dirs[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, dirs[i]);
		rmdir(path);
	}
}

#define XS "http://www.w3.org/2001/XMLSchema"

/*
 * A schema set in the official layout whose main file includes another
 * by an https:// URL that only the catalog maps to a local file.
 */
static void make_schema_set(void)
{
	char path[256];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/l2e-unit-XXXXXX");
	CHECK(mkdtemp(tmpdir) != NULL);
	snprintf(path, sizeof(path), "%s/v3.4.1", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/v3.4.1/xsd", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/v3.4.1/xsd/inc", tmpdir);
	mkdir(path, 0700);
	write_file("v3.4.1/xsd/catalog.xml",
	           "<catalog xmlns='urn:oasis:names:tc:entity:xmlns:xml:"
	           "catalog'><rewriteURI uriStartString="
	           "'https://schemas.example.invalid/' rewritePrefix='./inc/'/>"
	           "</catalog>");
	write_file("v3.4.1/xsd/inc/types.xsd",
	           "<xs:schema xmlns:xs='" XS "' targetNamespace='" NS "' "
	           "xmlns='" NS "' elementFormDefault='qualified'>"
	           "<xs:simpleType name='Level'><xs:restriction "
	           "base='xs:string'><xs:enumeration value='A1'/>"
	           "</xs:restriction></xs:simpleType></xs:schema>");
	write_file("v3.4.1/xsd/EuropassSchema.xsd",
	           "<xs:schema xmlns:xs='" XS "' targetNamespace='" NS "' "
	           "xmlns='" NS "' elementFormDefault='qualified'>"
	           "<xs:include schemaLocation='https://schemas.example."
	           "invalid/types.xsd'/>"
	           "<xs:element name='SkillsPassport'><xs:complexType>"
	           "<xs:sequence><xs:element name='L' type='Level' "
	           "maxOccurs='unbounded'/></xs:sequence></xs:complexType>"
	           "</xs:element></xs:schema>");
}

static void test_validate_xsd__catalog(void)
{
	l2e_validate_options o = L2E_VALIDATE_OPTIONS_INIT;
	l2e_report *r = NULL;
	const char *ok = "<SkillsPassport xmlns='" NS "'><L>A1</L>"
	                 "</SkillsPassport>";
	const char *bad = "<SkillsPassport xmlns='" NS "'>\n<L>A1</L>\n"
	                  "<L>B9</L></SkillsPassport>";

	make_schema_set();
	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	o.schema_dir = tmpdir;
	CHECK_INT(0, l2e_validator_new(&val, ctx, &o));
	CHECK_CONTAINS(l2e_validator_schema_note(val),
	               "JSON schema validation skipped");
	CHECK_INT(0, l2e_validate_memory(&r, val, "ok.xml", ok, strlen(ok)));
	CHECK_INT(L2E_SCHEMA_VALID, l2e_report_schema_status(r));
	l2e_report_free(r);
	CHECK_INT(0, l2e_validate_memory(&r, val, "bad.xml", bad, strlen(bad)));
	CHECK_INT(L2E_SCHEMA_INVALID, l2e_report_schema_status(r));
	CHECK_INT(0, l2e_report_is_valid(r));
	if (r && l2e_report_count(r) > 0) {
		const l2e_diag *d = finding(r, "xsd");

		CHECK(d != NULL);
		if (d) {
			CHECK_INT(3, d->line);
			CHECK_INT(1, d->column);
			CHECK_STR("/SkillsPassport/L[2]", d->field);
			CHECK_CONTAINS(d->message, "Element 'L'");
		}
	}
	l2e_report_free(r);
	l2e_validator_free(val);
	val = NULL;

	/* the same folder, required: the JSON schema is missing */
	o.require_schemas = 1;
	CHECK_INT(L2E_ENOTFOUND, l2e_validator_new(&val, ctx, &o));
	CHECK(val == NULL);
	l2e_ctx_free(ctx);
	ctx = NULL;
	remove_tree();
}

/* Locations the catalog does not map are refused, never fetched. */
static void test_validate_xsd__refusals(void)
{
	static const struct {
		const char *include, *why;
	} cases[] = {
		{ "http://schemas.example.invalid/x.xsd", "never fetched" },
		{ "../outside.xsd", "outside the schema folder" },
		{ "missing.xsd", "no such file" },
	};
	l2e__xsd *xsd = NULL;
	char path[256], main_xsd[512];
	size_t i;

	make_schema_set();
	write_file("v3.4.1/outside.xsd",
	           "<xs:schema xmlns:xs='" XS "' targetNamespace='" NS "'/>");
	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(main_xsd, sizeof(main_xsd),
		         "<xs:schema xmlns:xs='" XS "' targetNamespace='" NS
		         "'><xs:include schemaLocation='%s'/></xs:schema>",
		         cases[i].include);
		write_file("v3.4.1/xsd/escape.xsd", main_xsd);
		snprintf(path, sizeof(path), "%s/v3.4.1/xsd/escape.xsd",
		         tmpdir);
		CHECK_INT(L2E_EPARSE, l2e__xsd_load(&xsd, ctx, path, NULL));
		CHECK(xsd == NULL);
		if (l2e_ctx_error(ctx))
			CHECK_CONTAINS(l2e_ctx_error(ctx)->message,
			               cases[i].why);
	}
	l2e_ctx_free(ctx);
	ctx = NULL;
	remove_tree();
}

static const test_case cases[] = {
	TEST_CASE(test_validate_detect__syntax),
	TEST_CASE(test_validate_detect__xml),
	TEST_CASE(test_validate_detect__json),
	TEST_CASE(test_validate_rules__levels),
	TEST_CASE(test_validate_rules__dates),
	TEST_CASE(test_validate_report__valid_v3),
	TEST_CASE(test_validate_report__builtin_findings),
	TEST_CASE(test_validate_report__text_format),
	TEST_CASE(test_validate_report__json_format),
	TEST_CASE(test_validate_report__unusual_inputs),
	TEST_CASE(test_validate_report__national_id),
	TEST_CASE(test_validate_report__too_many),
	TEST_CASE(test_validate_jschema__keywords),
	TEST_CASE(test_validate_jschema__patterns),
	TEST_CASE(test_validate_jschema__refused),
	TEST_CASE(test_validate_xsd__catalog),
	TEST_CASE(test_validate_xsd__refusals),
};

TEST_MAIN(cases)
