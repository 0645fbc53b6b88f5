/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * validate.c - the validator: which steps run on a document, in which
 * order (see lob2europass/validate.h for the contract).
 *
 *   1. bytes: read with the context's size cap; compressed input and (for
 *      XML) any DOCTYPE or entity declaration are refused as findings;
 *   2. syntax: XML or JSON from the first bytes; then parsed safely.
 *      XML: no network, no DTD loading, no entity substitution, and the
 *      parser stops at a DOCTYPE it meets in an encoding the byte check
 *      cannot read. Parser messages reach this file through the parser
 *      context's own structured error handler, never a global one;
 *   3. detection: kind and version (detect.c);
 *   4. the official schema for the kind, when the validator has it
 *      (validate_xsd.c, validate_json.c);
 *   5. the built-in checks (checks.c, and cv_check.c for the CV).
 *
 * Places. libxml2 records a line per element, but no column. While
 * parsing, a start-element hook stores in each element's _private the
 * column of its '<' (found by stepping back from the parser's position
 * to the tag's start: a start tag cannot hold a '<'), so that a
 * one-line document still gets useful positions (place.c reads it
 * back).
 */
#include "validate/validate_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/file.h"
#include "read/json_tree.h"
#include "read/xml_precheck.h"
#include "legacy/legacy.h"

#define XSD_PATH     "v3.4.1/xsd/EuropassSchema.xsd"
#define CATALOG_PATH "v3.4.1/xsd/catalog.xml"
#define JSON_PATH    "v3.4.1/jsonschema/Europass_JSONSchema_V3.4.1.json"

struct l2e_validator {
	l2e_ctx *ctx;
	l2e__xsd *xsd;      /* NULL: XSD step skipped */
	l2e__jschema *json; /* NULL: JSON schema step skipped */
	char *note;         /* why a step is skipped, or NULL */
	size_t max_findings;
	int is_upgrade_older; /* check an older version as upgraded */
};

/* ==== Parsing XML ==== */

typedef struct xml_parse {
	l2e_report *r;
	int is_doctype;
} xml_parse;

/* Every parser message is a finding; see the top of the file. */
static void on_parse_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr pctx = user;
	xml_parse *p = pctx ? pctx->_private : NULL;
	l2e_buf msg = L2E_BUF_INIT;

	if (!p || !e)
		return;
	if (l2e__xml_error_text(&msg, e, "XML error", NULL) < 0 || !msg.ptr) {
		p->r->is_oom = 1;
		l2e_buf_dispose(&msg);
		return;
	}
	l2e__report_add(p->r,
	                e->level == XML_ERR_WARNING ? L2E_SEVERITY_WARNING
	                                            : L2E_SEVERITY_ERROR,
	                e->line > 0 ? (unsigned)e->line : 0,
	                e->int2 > 0 ? (unsigned)e->int2 : 0, NULL, "xml-syntax",
	                "%s", msg.ptr);
	l2e_buf_dispose(&msg);
}

/* The column of the start tag just read (see the top of the file). */
static void record_start(void *ctx, const xmlChar *localname,
                         const xmlChar *prefix, const xmlChar *uri,
                         int nb_namespaces, const xmlChar **namespaces,
                         int nb_attributes, int nb_defaulted,
                         const xmlChar **attributes)
{
	xmlParserCtxtPtr pctx = ctx;
	const xmlChar *cur, *q;
	unsigned chars = 0;
	int col, has_newline = 0;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	                      namespaces, nb_attributes, nb_defaulted,
	                      attributes);
	if (!pctx->node || pctx->node->_private || !pctx->input ||
	    !pctx->input->cur || !xmlStrEqual(pctx->node->name, localname))
		return;
	cur = pctx->input->cur;
	for (q = cur; q > pctx->input->base && q[-1] != '<'; q--)
		;
	if (q == pctx->input->base)
		return; /* the tag's start is gone from the buffer: unknown */
	for (q--; q < cur; q++) {
		has_newline |= *q == '\n';
		chars += (*q & 0xC0) != 0x80;
	}
	/* a tag over several lines: libxml2's line is its last one, so
	 * the column is that of its end there */
	col = pctx->input->col;
	if (!has_newline)
		col -= (int)chars;
	if (col > 0)
		pctx->node->_private = (void *)(uintptr_t)col;
}

/* A DOCTYPE or entity declaration the byte check missed (UTF-16). */
static void stop_at_dtd(void *ctx, const xmlChar *name, const xmlChar *id,
                        const xmlChar *system)
{
	xmlParserCtxtPtr pctx = ctx;
	xml_parse *p = pctx->_private;

	(void)name;
	(void)id;
	(void)system;
	p->is_doctype = 1;
	xmlStopParser(ctx);
}

static void stop_at_entity(void *ctx, const xmlChar *name, int type,
                           const xmlChar *id, const xmlChar *system,
                           xmlChar *content)
{
	(void)type;
	(void)content;
	stop_at_dtd(ctx, name, id, system);
}

/* The context's error (set by a reader) as a finding; then cleared. */
static void error_to_finding(l2e_report *r, l2e_ctx *ctx, const char *rule)
{
	const l2e_error *e = l2e_ctx_error(ctx);

	l2e__report_add(r, L2E_SEVERITY_ERROR, e ? e->line : 0,
	                e ? e->column : 0, NULL, rule, "%s",
	                e ? e->message : "the document cannot be read");
	l2e__error_clear(ctx);
}

static void kind_findings(l2e_report *r, const l2e__detected *d,
                          int is_upgraded)
{
	if (d->kind == L2E_DOC_NOT_EUROPASS)
		l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL, "kind",
		                "not a Europass document: %s", d->what);
	else if (d->kind == L2E_DOC_OLDER && is_upgraded)
		l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL, "version",
		                "this is %s, an older Europass version the "
		                "portal does not take; 'lob2europass upgrade' "
		                "makes it v3.4, and the other findings are "
		                "those of that upgrade (its warnings say what "
		                "it changes)",
		                d->what);
	else if (d->kind == L2E_DOC_OLDER)
		l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL, "version",
		                "this is %s, an older Europass version; only "
		                "Europass v3.4 (XML or JSON) and the Europass "
		                "CV XML are checked",
		                d->what);
	else if ((d->kind == L2E_DOC_V3_XML || d->kind == L2E_DOC_V3_JSON) &&
	         d->version[0] && strcmp(d->version, "V3.4") != 0)
		l2e__report_add(r, L2E_SEVERITY_WARNING, 0, 0, NULL, "version",
		                "the document states version %s; it is checked "
		                "as V3.4",
		                d->version);
}

static void set_kind(l2e_report *r, const l2e__detected *d)
{
	r->kind = d->kind;
	if (d->version[0])
		r->version = l2e__report_strdup(r, d->version);
}

/* The schema step's result (1 valid, 0 invalid, or an error) as the
 * report's schema status; the error is passed on. */
static int schema_verdict(l2e_report *r, int rc)
{
	if (rc < 0)
		return rc;
	r->schema = rc ? L2E_SCHEMA_VALID : L2E_SCHEMA_INVALID;
	return 0;
}

/* After the checks of an upgraded older document: say so when they
 * found nothing wrong, since the version error alone makes it invalid. */
static void upgrade_verdict(l2e_report *r, size_t n_errors_before)
{
	if (r->n_errors != n_errors_before || r->schema == L2E_SCHEMA_INVALID)
		return;
	l2e__report_add(
	    r, L2E_SEVERITY_WARNING, 0, 0, NULL, "upgrade",
	    "upgraded to v3.4 ('lob2europass upgrade'), the "
	    "document is valid%s",
	    r->schema == L2E_SCHEMA_VALID ? "" : " by the built-in checks");
}

/*
 * The hook for older versions: the document as `upgrade` makes it
 * (legacy/legacy.h), checked as v3.4 XML. The upgrade works on this
 * parse, so every finding has the original's line; its warnings say
 * what an upgrade changes.
 */
static int check_older_xml(l2e_validator *v, l2e_report *r, xmlDoc *doc)
{
	xmlDoc *made = NULL;
	char version[16];
	size_t n_errors = r->n_errors;
	int error = 0;

	if (l2e__legacy_upgrade_tree(v->ctx, r, r->file, doc, &made, version) <
	    0) {
		if (l2e_ctx_error(v->ctx)->code == L2E_ENOMEM)
			return L2E_ENOMEM;
		error_to_finding(r, v->ctx, "upgrade");
		return 0;
	}
	r->schema = L2E_SCHEMA_SKIPPED;
	if (v->xsd &&
	    (error = schema_verdict(
	         r, l2e__xsd_validate(v->xsd, r, made ? made : doc))) < 0)
		goto done;
	l2e__check_v3_xml(r, made ? made : doc);
	upgrade_verdict(r, n_errors);
done:
	xmlFreeDoc(made);
	return error;
}

static int validate_xml(l2e_validator *v, l2e_report *r, const char *name,
                        const char *data, size_t len)
{
	xmlParserCtxt *pctx = NULL;
	xmlDoc *doc = NULL;
	xml_parse p = { r, 0 };
	l2e__detected d;
	size_t n_before = r->n_errors;
	int error = 0;

	if (l2e__xml_precheck(v->ctx, name, data, len, "a Europass document") <
	    0) {
		error_to_finding(r, v->ctx, "xml-refused");
		return 0;
	}
	if (!(pctx = xmlNewParserCtxt()))
		return L2E_ENOMEM;
	pctx->_private = &p;
	pctx->sax->serror = on_parse_error;
	pctx->sax->startElementNs = record_start;
	pctx->sax->internalSubset = stop_at_dtd;
	pctx->sax->externalSubset = stop_at_dtd;
	pctx->sax->entityDecl = stop_at_entity;
	/* no XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XInclude */
	doc = xmlCtxtReadMemory(pctx, data, (int)len, name, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (p.is_doctype || (doc && (doc->intSubset || doc->extSubset))) {
		l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL,
		                "xml-refused",
		                "a DOCTYPE or entity declaration is not "
		                "accepted in a Europass document");
		goto done;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (r->n_errors == n_before)
			l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL,
			                "xml-syntax", "not an XML document");
		goto done;
	}
	l2e__detect_xml(&d, doc);
	/* an unreadable XSDVersion ("3.2"): the upgrade knows where else to
	 * look (xsi:schemaLocation), or says why it cannot */
	if (d.kind == L2E_DOC_V3_XML && v->is_upgrade_older && d.version[0] &&
	    (d.version[0] != 'V' || strlen(d.version) != 4)) {
		d.kind = L2E_DOC_OLDER;
		snprintf(d.what, sizeof(d.what),
		         "Europass XML with XSDVersion "
		         "'%s'",
		         d.version);
	}
	set_kind(r, &d);
	kind_findings(r, &d, d.kind == L2E_DOC_OLDER && v->is_upgrade_older);
	if (d.kind == L2E_DOC_OLDER && v->is_upgrade_older) {
		error = check_older_xml(v, r, doc);
	} else if (d.kind == L2E_DOC_V3_XML) {
		r->schema = L2E_SCHEMA_SKIPPED;
		if (v->xsd && (error = schema_verdict(
		                   r, l2e__xsd_validate(v->xsd, r, doc))) < 0)
			goto done;
		l2e__check_v3_xml(r, doc);
	} else if (d.kind == L2E_DOC_CV_XML) {
		l2e__check_cv_xml(r, doc);
	}
done:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pctx);
	return error;
}

/*
 * The hook for older JSON: the upgraded text, checked as v3.4 JSON. Its
 * findings keep their JSON pointers, which name the same values in the
 * original; their lines are the upgraded text's, so they are dropped.
 */
static int check_older_json(l2e_validator *v, l2e_report *r, const char *name,
                            const char *data, size_t len)
{
	l2e__pool pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL;
	l2e_buf up = L2E_BUF_INIT;
	size_t i, first, n_errors = r->n_errors;
	int error;

	if ((error = l2e__legacy_upgrade_json(v->ctx, r, name, data, len,
	                                      &up)) < 0) {
		if (error == L2E_ENOMEM)
			goto done;
		error_to_finding(r, v->ctx, "upgrade");
		error = 0;
		goto done;
	}
	first = r->n_items;
	l2e__json_cursor_init(&cur, name, up.ptr, up.len, &v->ctx->opts);
	if ((error = l2e__json_next(&root, &pool, v->ctx, &cur)) < 0 || !root) {
		if (error != L2E_ENOMEM) {
			error_to_finding(r, v->ctx, "upgrade");
			error = 0;
		}
		goto done;
	}
	r->schema = L2E_SCHEMA_SKIPPED;
	if (v->json && (error = schema_verdict(
	                    r, l2e__jschema_validate(v->json, r, root))) < 0)
		goto done;
	l2e__check_v3_json(r, root);
	for (i = first; i < r->n_items; i++)
		r->items[i].line = r->items[i].column = 0;
	upgrade_verdict(r, n_errors);
done:
	l2e__pool_clear(&pool);
	l2e_buf_dispose(&up);
	return error;
}

static int validate_json(l2e_validator *v, l2e_report *r, const char *name,
                         const char *data, size_t len)
{
	l2e__pool pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL, *extra = NULL;
	l2e__detected d;
	int error;

	l2e__json_cursor_init(&cur, name, data, len, &v->ctx->opts);
	error = l2e__json_next(&root, &pool, v->ctx, &cur);
	if (!error && root)
		error = l2e__json_next(&extra, &pool, v->ctx, &cur);
	if (error == L2E_EPARSE || error == L2E_ELIMIT) {
		error_to_finding(r, v->ctx, "json-syntax");
		error = 0;
		goto done;
	}
	if (error < 0)
		goto done;
	if (extra) {
		l2e__report_add(r, L2E_SEVERITY_ERROR, extra->line,
		                extra->column, NULL, "json-syntax",
		                "text after the JSON value");
		goto done;
	}
	l2e__detect_json(&d, root);
	set_kind(r, &d);
	kind_findings(r, &d, d.kind == L2E_DOC_OLDER && v->is_upgrade_older);
	if (d.kind == L2E_DOC_OLDER && v->is_upgrade_older) {
		error = check_older_json(v, r, name, data, len);
		goto done;
	}
	if (d.kind == L2E_DOC_EDC) {
		/* no schema step: the EDC shapes are SHACL, which needs a
		 * JVM; the built-in checks cover what breaks a credential */
		l2e__check_edc_json(r, root);
		goto done;
	}
	if (d.kind != L2E_DOC_V3_JSON)
		goto done;
	r->schema = L2E_SCHEMA_SKIPPED;
	if (v->json && (error = schema_verdict(
	                    r, l2e__jschema_validate(v->json, r, root))) < 0)
		goto done;
	l2e__check_v3_json(r, root);
done:
	l2e__pool_clear(&pool);
	return error;
}

int l2e_validate_memory(l2e_report **out, l2e_validator *v, const char *name,
                        const char *data, size_t len)
{
	l2e_report *r = NULL;
	l2e_buf pdf_xml = L2E_BUF_INIT;
	int error = 0;

	L2E_ASSERT_ARG(out);
	L2E_ASSERT_ARG(v);
	L2E_ASSERT_ARG(data || !len);
	*out = NULL;
	l2e__error_clear(v->ctx);
	if (!name)
		name = "-";
	if (len > v->ctx->opts.max_input_bytes || len > (size_t)INT_MAX)
		return l2e__error_set_at(
		    v->ctx, L2E_ELIMIT, L2E_ERRCLASS_VALIDATE, name, 0, 0, NULL,
		    "larger than max_input_bytes "
		    "(%zu bytes)",
		    v->ctx->opts.max_input_bytes);
	if (!(r = l2e__report_new(name, v->max_findings)))
		return l2e__error_set(v->ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
		                      "out of memory");
	/* a Europass PDF: what it carries is the document */
	if (l2e__is_pdf(data ? data : "", len)) {
		if ((error = l2e__pdf_extract(&pdf_xml, v->ctx, r->file, data,
		                              len, r)) < 0) {
			if (error == L2E_ENOMEM)
				goto failed;
			error = 0;
			error_to_finding(r, v->ctx, "pdf");
			goto sorted;
		}
		l2e__report_add(
		    r, L2E_SEVERITY_WARNING, 0, 0, NULL, "pdf",
		    "checked: the Europass XML attached to this PDF "
		    "(lines are its lines; 'lob2europass extract' "
		    "writes it)");
		data = pdf_xml.ptr;
		len = pdf_xml.len;
	}
	switch (l2e__detect_syntax(data ? data : "", len)) {
	case L2E__SYNTAX_JSON:
		error = validate_json(v, r, r->file, data, len);
		break;
	case L2E__SYNTAX_XML:
		error = validate_xml(v, r, r->file, data, len);
		break;
	default:
		/* compressed input gets its own message */
		if (l2e__xml_precheck(v->ctx, r->file, data ? data : "", len,
		                      "a Europass document") < 0)
			error_to_finding(r, v->ctx, "xml-refused");
		else
			l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL,
			                "kind", "not a Europass document: %s",
			                len ? "neither XML nor JSON"
			                    : "the file is empty");
	}
sorted:
	if (!error && r->is_oom)
		error = L2E_ENOMEM;
failed:
	l2e_buf_dispose(&pdf_xml);
	if (error < 0) {
		l2e_report_free(r);
		if (!l2e_ctx_error(v->ctx))
			l2e__error_set(v->ctx, error, L2E_ERRCLASS_VALIDATE,
			               "%s", l2e_strerror(error));
		return error;
	}
	l2e__report_sort(r);
	*out = r;
	return 0;
}

int l2e_validate_file(l2e_report **out, l2e_validator *v, const char *path)
{
	l2e_buf bytes = L2E_BUF_INIT;
	int error;

	L2E_ASSERT_ARG(out);
	L2E_ASSERT_ARG(v);
	L2E_ASSERT_ARG(path);
	*out = NULL;
	l2e__error_clear(v->ctx);
	error = l2e__file_read(&bytes, v->ctx, path,
	                       v->ctx->opts.max_input_bytes, "max_input_bytes");
	if (!error)
		error = l2e_validate_memory(out, v, path, bytes.ptr, bytes.len);
	l2e_buf_dispose(&bytes);
	return error;
}

/* ==== The validator ==== */

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* DIR/tail into `out`. */
static int join(l2e_buf *out, const char *dir, const char *tail)
{
	size_t n = strlen(dir);

	l2e__buf_clear(out);
	return l2e__buf_printf(out, "%s%s%s", dir,
	                       n && dir[n - 1] == '/' ? "" : "/", tail);
}

int l2e_validator_new(l2e_validator **out, l2e_ctx *ctx,
                      const l2e_validate_options *opts)
{
	l2e_validator *v = NULL;
	l2e_buf xsd = L2E_BUF_INIT, catalog = L2E_BUF_INIT, json = L2E_BUF_INIT;
	l2e_buf note = L2E_BUF_INIT;
	const char *dir;
	int has_xsd, has_json, error = 0;

	L2E_ASSERT_ARG(out);
	L2E_ASSERT_ARG(ctx);
	*out = NULL;
	l2e__error_clear(ctx);
	if (opts &&
	    (opts->version < 1 || opts->version > L2E_VALIDATE_OPTIONS_VERSION))
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_VALIDATE,
		                      "unknown l2e_validate_options version "
		                      "%u",
		                      opts->version);
	if (!(v = l2e__calloc(1, sizeof(*v)))) {
		error = L2E_ENOMEM;
		goto oom;
	}
	v->ctx = ctx;
	v->max_findings = opts ? opts->max_findings : 0;
	/* version 1 had no upgrade_older: its behaviour, only the version */
	v->is_upgrade_older =
	    !opts || (opts->version >= 2 && opts->upgrade_older);
	dir = opts ? opts->schema_dir : NULL;
	if (!dir) {
		if (l2e__buf_puts(&note, "schema validation skipped: no "
		                         "schemas found (no schema folder "
		                         "given)") < 0)
			goto oom;
		goto done;
	}
	if (join(&xsd, dir, XSD_PATH) < 0 ||
	    join(&catalog, dir, CATALOG_PATH) < 0 ||
	    join(&json, dir, JSON_PATH) < 0)
		goto oom;
	has_xsd = is_file(xsd.ptr);
	has_json = is_file(json.ptr);
	if ((!has_xsd || !has_json) && opts->require_schemas) {
		error = l2e__error_set_at(
		    ctx, L2E_ENOTFOUND, L2E_ERRCLASS_VALIDATE,
		    has_xsd ? json.ptr : xsd.ptr, 0, 0, NULL,
		    "no Europass schema here (a schema folder holds "
		    "%s and %s)",
		    XSD_PATH, JSON_PATH);
		goto done;
	}
	if (!has_xsd && !has_json)
		error = l2e__buf_printf(&note,
		                        "schema validation skipped: no schemas "
		                        "found (no %s or %s in %s)",
		                        XSD_PATH, JSON_PATH, dir);
	else if (!has_xsd)
		error = l2e__buf_printf(&note,
		                        "XSD validation skipped: no schema "
		                        "found (no %s in %s)",
		                        XSD_PATH, dir);
	else if (!has_json)
		error = l2e__buf_printf(&note,
		                        "JSON schema validation skipped: no "
		                        "schema found (no %s in %s)",
		                        JSON_PATH, dir);
	if (error < 0)
		goto oom;
	if (has_xsd && (error = l2e__xsd_load(&v->xsd, ctx, xsd.ptr,
	                                      is_file(catalog.ptr) ? catalog.ptr
	                                                           : NULL)) < 0)
		goto done;
	if (has_json &&
	    (error = l2e__jschema_load(&v->json, ctx, json.ptr)) < 0)
		goto done;
	goto done;
oom:
	error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
	                       "out of memory");
done:
	if (!error && note.ptr)
		v->note = l2e__buf_detach(&note);
	if (!error) {
		*out = v;
		v = NULL;
	}
	l2e_validator_free(v);
	l2e_buf_dispose(&xsd);
	l2e_buf_dispose(&catalog);
	l2e_buf_dispose(&json);
	l2e_buf_dispose(&note);
	return error;
}

void l2e_validator_free(l2e_validator *v)
{
	if (!v)
		return;
	l2e__xsd_free(v->xsd);
	l2e__jschema_free(v->json);
	l2e__free(v->note);
	l2e__free(v);
}

const char *l2e_validator_schema_note(const l2e_validator *v)
{
	return v ? v->note : NULL;
}
