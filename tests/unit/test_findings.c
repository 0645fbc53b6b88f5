/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_findings.c - the one findings type (model/findings.h): both caps,
 * the one sanitiser rule, document order, the report's JSON strings
 * against cJSON; and the bounded integers of the JSON schema compiler.
 */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>

#include "test.h"

#include <lob2europass/lob2europass.h>

#include "core/buf.h"
#include "core/pool.h"
#include "model/diag.h"
#include "model/findings.h"
#include "core/natid.h"
#include "validate/validate_int.h"

static void add(l2e__findings *f, l2e_severity severity, unsigned line,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add(l2e__findings *f, l2e_severity severity, unsigned line,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__findings_vadd(f, severity, NULL, line, 0, NULL, "r", fmt, ap);
	va_end(ap);
}

static void test_findings_cap__max_diags(void)
{
	l2e__pool pool = L2E__POOL_INIT;
	l2e__diags d;
	int i;

	memset(&d, 0, sizeof(d));
	d.pool = &pool;
	d.file = "in.csv";
	d.max_items = 3;
	for (i = 0; i < 5; i++)
		add(&d, L2E_SEVERITY_ERROR, 1, "finding %d", i);
	/* three findings, then one more that says the rest are left out */
	CHECK_INT(4, d.n_items);
	CHECK_INT(5, d.n_errors);
	CHECK_INT(0, d.is_oom);
	CHECK_STR("more than max_diags (3) findings; the rest are left out",
	          d.items[3].message);
	CHECK(d.items[3].rule == NULL);
	CHECK_INT(L2E_SEVERITY_ERROR, d.items[3].severity);
	CHECK_STR("in.csv", d.items[3].file);
	CHECK_STR("r", d.items[2].rule);
	l2e__diags_dispose(&d);
	l2e__pool_clear(&pool);
}

static void test_findings_cap__max_findings(void)
{
	l2e_report *r = l2e__report_new("doc.xml", 3);
	int i;

	CHECK(r != NULL);
	if (!r)
		return;
	for (i = 0; i < 5; i++)
		l2e__report_add(r, L2E_SEVERITY_WARNING, 1, 1, NULL, "w",
		                "finding %d", i);
	/* three places, the last one the note */
	CHECK_INT(3, l2e_report_count(r));
	CHECK_INT(5, r->n_warnings);
	CHECK_STR("too-many", l2e_report_diag(r, 2)->rule);
	CHECK_STR("doc.xml", l2e_report_diag(r, 2)->file);
	l2e_report_free(r);
}

static void test_findings_safe_text__one_rule(void)
{
	l2e_report *r = l2e__report_new("doc.xml", 0);
	l2e_buf long_msg = L2E_BUF_INIT;
	const char *m;
	int i;

	CHECK(r != NULL);
	if (!r)
		return;
	/* a line break and DEL: '?'; a BSN: redacted (message and path) */
	l2e__report_add(r, L2E_SEVERITY_ERROR, 1, 0, "/a/111222333", "x",
	                "a\nb\x7F \"111222333\"");
	/* cut after 400 bytes, never inside a number */
	for (i = 0; i < 395; i++)
		l2e__buf_putc(&long_msg, 'x');
	l2e__buf_puts(&long_msg, " 1234567890123");
	l2e__report_add(r, L2E_SEVERITY_ERROR, 2, 0, NULL, "x", "%s",
	                long_msg.ptr);
	CHECK_INT(2, l2e_report_count(r));
	CHECK_STR("a?b? \"" L2E_REDACTED "\"", l2e_report_diag(r, 0)->message);
	CHECK_STR("/a/" L2E_REDACTED, l2e_report_diag(r, 0)->field);
	m = l2e_report_diag(r, 1)->message;
	CHECK(m && strlen(m) == 399);
	CHECK(m && !strcmp(m + 395, " ..."));
	l2e_buf_dispose(&long_msg);
	l2e_report_free(r);
}

static void test_findings_sort__document_order_stable(void)
{
	l2e_report *r = l2e__report_new("doc.xml", 0);

	CHECK(r != NULL);
	if (!r)
		return;
	l2e__report_add(r, L2E_SEVERITY_ERROR, 9, 0, NULL, NULL, "c");
	l2e__report_add(r, L2E_SEVERITY_ERROR, 2, 5, NULL, NULL, "b1");
	l2e__report_add(r, L2E_SEVERITY_ERROR, 2, 5, NULL, NULL, "b2");
	l2e__report_add(r, L2E_SEVERITY_ERROR, 2, 1, NULL, NULL, "a");
	l2e__report_sort(r);
	CHECK_STR("a", l2e_report_diag(r, 0)->message);
	CHECK_STR("b1", l2e_report_diag(r, 1)->message);
	CHECK_STR("b2", l2e_report_diag(r, 2)->message);
	CHECK_STR("c", l2e_report_diag(r, 3)->message);
	CHECK_STR("error", l2e__severity_name(L2E_SEVERITY_ERROR));
	CHECK_STR("warning", l2e__severity_name(L2E_SEVERITY_WARNING));
	l2e_report_free(r);
}

/* The file name is the one string of a report that is not sanitised. */
static void test_findings_report_json__strings_as_cjson(void)
{
	static const char name[] = "a\nb\t\"c\\\x01\x1f/\xC3\xA9.xml";
	l2e_report *r = l2e__report_new(name, 0);
	l2e_buf out = L2E_BUF_INIT;
	cJSON *s = cJSON_CreateString(name);
	char *want = s ? cJSON_PrintUnformatted(s) : NULL;

	CHECK(r != NULL && want != NULL);
	if (r && want) {
		CHECK_INT(0, l2e_report_format(&out, r, L2E_REPORT_JSON));
		CHECK(out.ptr && !strncmp(out.ptr, "{\"file\": ", 9));
		CHECK(out.ptr && !strncmp(out.ptr + 9, want, strlen(want)));
	}
	cJSON_free(want);
	cJSON_Delete(s);
	l2e_buf_dispose(&out);
	l2e_report_free(r);
}

/* minLength and friends take 0..SIZE_MAX/2; a $ref may index an array */
static void test_findings_jschema__bounded_integers(void)
{
	static const struct {
		const char *schema;
		int rc;
	} cases[] = {
		{ "{\"maxLength\": 9223372036854775807}", 0 },
		{ "{\"maxLength\": 9223372036854775808}", L2E_EPARSE },
		{ "{\"maxLength\": 99999999999999999999999}", L2E_EPARSE },
		{ "{\"maxLength\": 1.5}", L2E_EPARSE },
		{ "{\"a\": [{}, {\"type\": \"string\"}], \"properties\": "
		  "{\"x\": {\"$ref\": \"#/a/1\"}}}",
		  0 },
		{ "{\"a\": [{}], \"properties\": {\"x\": {\"$ref\": "
		  "\"#/a/1\"}}}",
		  L2E_ENOTSUPPORTED },
		{ "{\"a\": [{}], \"properties\": {\"x\": {\"$ref\": "
		  "\"#/a/-1\"}}}",
		  L2E_ENOTSUPPORTED },
		{ "{\"a\": [{}], \"properties\": {\"x\": {\"$ref\": "
		  "\"#/a/\"}}}",
		  L2E_ENOTSUPPORTED },
	};
	l2e_ctx *ctx = NULL;
	size_t i;

	l2e_global_init();
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	for (i = 0; ctx && i < sizeof(cases) / sizeof(cases[0]); i++) {
		l2e__jschema *s = NULL;
		int rc =
		    l2e__jschema_load_memory(&s, ctx, "s.json", cases[i].schema,
		                             strlen(cases[i].schema));

		if (rc != cases[i].rc)
			test_fail(__FILE__, __LINE__, "%s: expected %d, got %d",
			          cases[i].schema, cases[i].rc, rc);
		l2e__jschema_free(s);
	}
	l2e_ctx_free(ctx);
	l2e_global_cleanup();
}

static const test_case cases[] = {
	TEST_CASE(test_findings_cap__max_diags),
	TEST_CASE(test_findings_cap__max_findings),
	TEST_CASE(test_findings_safe_text__one_rule),
	TEST_CASE(test_findings_sort__document_order_stable),
	TEST_CASE(test_findings_report_json__strings_as_cjson),
	TEST_CASE(test_findings_jschema__bounded_integers),
};

TEST_MAIN(cases)
