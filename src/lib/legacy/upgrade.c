/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * upgrade.c - l2e_upgrade_*(): read an old Europass document within the
 * context's limits, find its version, run the one step that takes it to
 * v3.4, and write the result (see lob2europass/upgrade.h).
 *
 * The old chain (Cedefop's EWA) ran one XSLT per version step and fed
 * some steps the original instead of the previous result. Here there is
 * no chain to get wrong: v3.0-v3.3 are close enough to v3.4 to be fixed
 * in place in one pass (up_v3.c, up_json.c), and v1.x/v2.0 are read
 * once into a new v3.4 tree (up_old.c).
 */
#include "legacy/detect.h"
#include "legacy/up_base.h"
#include "legacy/up_json.h"
#include "legacy/up_old.h"
#include "legacy/up_v3.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "core/buf.h"
#include "core/file.h"
#include "read/xml_precheck.h"
#include "util/alloc.h"

#define DEFAULT_MAX_FINDINGS 1000

struct l2e_upgrade {
	l2e_report report; /* the warnings; kind and version set */
	char from[16];
	int is_json;
	int is_changed; /* the output is not the input (a PDF never is) */
	int is_pdf;
	l2e_buf output;
};

/* ==== Reading ==== */

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Depth and size of the tree within the context's limits. */
static int check_tree(l2e__up *u, const xmlNode *n, size_t depth,
                      size_t *n_values)
{
	const l2e_ctx_options *o = &u->ctx->opts;
	int error;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > o->max_depth)
			return l2e__error_set_at(
			    u->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, u->name,
			    n->line > 0 ? (unsigned)n->line : 0, 0, NULL,
			    "elements nested deeper than max_depth (%zu)",
			    o->max_depth);
		if (++*n_values > o->max_values)
			return l2e__error_set_at(
			    u->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, u->name,
			    n->line > 0 ? (unsigned)n->line : 0, 0, NULL,
			    "more than max_values (%zu) elements",
			    o->max_values);
		if ((error = check_tree(u, n->children, depth + 1, n_values)) <
		    0)
			return error;
	}
	return 0;
}

static int parse_xml(xmlDoc **out, l2e__up *u, const char *data, size_t len)
{
	xmlParserCtxt *pctx = NULL;
	xmlDoc *doc = NULL;
	const xmlError *e;
	size_t n_values = 0;
	int error = 0;

	*out = NULL;
	if (len > (size_t)INT_MAX)
		return l2e__error_set_at(u->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                         u->name, 0, 0, NULL,
		                         "XML input too large");
	/* no DOCTYPE, no entity: refused on the bytes, before libxml2 */
	if ((error = l2e__xml_precheck(u->ctx, u->name, data, len,
	                               "a Europass document")) < 0)
		return error;
	if (!(pctx = xmlNewParserCtxt()))
		return l2e__error_set(u->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	/* no XML_PARSE_NOENT, DTDLOAD or XInclude; blanks kept, so that an
	 * in-place upgrade keeps the original's layout */
	doc = xmlCtxtReadMemory(pctx, data, (int)len, u->name, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	e = xmlCtxtGetLastError(pctx);
	if (doc && (doc->intSubset || doc->extSubset)) {
		error = l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name, 0, 0, NULL,
		    "a DOCTYPE is not accepted in a Europass document");
		goto done;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		char msg[200];
		size_t n;

		if (e && e->code == XML_ERR_NO_MEMORY) {
			error =
			    l2e__error_set(u->ctx, L2E_ENOMEM,
			                   L2E_ERRCLASS_READ, "out of memory");
			goto done;
		}
		snprintf(msg, sizeof(msg), "%s",
		         e && e->message ? e->message : "no root element");
		n = strlen(msg);
		while (n && is_blank((unsigned char)msg[n - 1]))
			msg[--n] = '\0';
		error = l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name,
		    e && e->line > 0 ? (unsigned)e->line : 0, 0, NULL,
		    "not well-formed XML: %s; open the file in the program "
		    "that made it and save it again",
		    msg);
		goto done;
	}
	if ((error = check_tree(u, xmlDocGetRootElement(doc), 1, &n_values)) <
	    0)
		goto done;
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pctx);
	return error;
}

/* The document as UTF-8 text: in place (v3) as it was laid out, a new
 * tree (v1/v2) indented. */
static int dump_xml(l2e_buf *out, l2e__up *u, xmlDoc *doc, int is_indented)
{
	xmlChar *mem = NULL;
	int len = 0, error;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", is_indented);
	if (!mem || len < 0)
		return l2e__error_set(u->ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                      "out of memory");
	error = l2e__buf_put(out, (const char *)mem, (size_t)len);
	xmlFree(mem);
	return error < 0 ? l2e__error_set(u->ctx, L2E_ENOMEM,
	                                  L2E_ERRCLASS_WRITE, "out of memory")
	                 : 0;
}

static int upgrade_xml(l2e_upgrade *up, l2e__up *u, const char *data,
                       size_t len)
{
	xmlDoc *doc = NULL, *made = NULL;
	int error;

	if ((error = parse_xml(&doc, u, data, len)) < 0 ||
	    (error = l2e__up_detect_xml(u, doc)) < 0)
		goto done;
	snprintf(up->from, sizeof(up->from), "V%d.%d", u->major, u->minor);
	if (u->major == 3 && u->minor >= 4) {
		/* identity: the very bytes, not a re-serialisation */
		error = l2e__buf_put(&up->output, data, len);
		up->is_changed = up->is_pdf;
		goto done;
	}
	up->is_changed = 1;
	if (u->major == 3) {
		if ((error = l2e__up_v3_xml(u, doc)) < 0)
			goto done;
		error = dump_xml(&up->output, u, doc, 0);
	} else {
		if ((error = l2e__up_old_xml(u, doc, &made)) < 0)
			goto done;
		error = dump_xml(&up->output, u, made, 1);
	}
done:
	xmlFreeDoc(made);
	xmlFreeDoc(doc);
	return error;
}

/* ==== The validator's door (legacy.h) ==== */

int l2e__legacy_upgrade_tree(l2e_ctx *ctx, l2e__findings *f, const char *name,
                             xmlDoc *doc, xmlDoc **made, char *version)
{
	l2e__up u;
	int error;

	*made = NULL;
	memset(&u, 0, sizeof(u));
	u.ctx = ctx;
	u.f = f;
	u.name = name;
	if ((error = l2e__up_detect_xml(&u, doc)) < 0)
		return error;
	snprintf(version, 16, "V%d.%d", u.major, u.minor);
	if (u.major == 3 && u.minor >= 4)
		return 0;
	if (u.major == 3)
		return l2e__up_v3_xml(&u, doc);
	return l2e__up_old_xml(&u, doc, made);
}

int l2e__legacy_upgrade_json(l2e_ctx *ctx, l2e__findings *f, const char *name,
                             const char *data, size_t len, l2e_buf *out)
{
	l2e__up u;

	memset(&u, 0, sizeof(u));
	u.ctx = ctx;
	u.f = f;
	u.name = name;
	return l2e__up_v3_json(&u, data, len, out);
}

/* ==== Public entry points ==== */

static int is_json_text(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && is_blank((unsigned char)data[i]))
		i++;
	return i < len && data[i] == '{';
}

int l2e_upgrade_memory(l2e_upgrade **out, l2e_ctx *ctx, const char *name,
                       const char *data, size_t len,
                       const l2e_upgrade_options *opts)
{
	l2e_upgrade_options o = L2E_UPGRADE_OPTIONS_INIT;
	l2e_upgrade *up = NULL;
	l2e_buf pdf_xml = L2E_BUF_INIT;
	l2e__up u;
	int error = 0;

	L2E_ASSERT_ARG(out && ctx && (data || !len));
	*out = NULL;
	l2e__error_clear(ctx);
	if (opts)
		o = *opts;
	if (!name)
		name = "-";
	if (len > ctx->opts.max_input_bytes)
		return l2e__error_set_at(
		    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, name, 0, 0, NULL,
		    "larger than max_input_bytes (%zu bytes)",
		    ctx->opts.max_input_bytes);
	if (!(up = l2e__calloc(1, sizeof(*up))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	up->report.pool = &up->report.own_pool;
	up->report.max_items =
	    o.max_findings ? o.max_findings : DEFAULT_MAX_FINDINGS;
	up->report.cap_style = L2E__CAP_MAX_FINDINGS;
	up->report.kind = L2E_DOC_OLDER;
	if (!(up->report.file = l2e__pool_strdup(up->report.pool, name))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                       "out of memory");
		goto done;
	}
	memset(&u, 0, sizeof(u));
	u.ctx = ctx;
	u.f = &up->report;
	u.name = name;
	/* a Europass PDF: the XML it carries, then as any other */
	if (l2e__is_pdf(data ? data : "", len)) {
		if ((error = l2e__pdf_extract(&pdf_xml, ctx, name, data, len,
		                              &up->report)) < 0)
			goto done;
		data = pdf_xml.ptr ? pdf_xml.ptr : "";
		len = pdf_xml.len;
		up->is_pdf = 1;
	}
	up->is_json = is_json_text(data ? data : "", len);
	if (o.to != L2E_UPGRADE_TO_SAME &&
	    (o.to == L2E_UPGRADE_TO_JSON) != up->is_json) {
		error = l2e__error_set_at(
		    ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_WRITE, name, 0, 0,
		    NULL,
		    "an upgrade keeps the syntax: this %s document becomes "
		    "Europass v3.4 %s; drop --to or ask for %s",
		    up->is_json ? "JSON" : "XML", up->is_json ? "JSON" : "XML",
		    up->is_json ? "json" : "xml");
		goto done;
	}
	if (up->is_json) {
		error = l2e__up_v3_json(&u, data, len, &up->output);
		snprintf(up->from, sizeof(up->from), "V%d.%d", u.major,
		         u.minor);
		up->is_changed = up->is_pdf || !(u.major == 3 && u.minor >= 4);
	} else {
		error = upgrade_xml(up, &u, data ? data : "", len);
	}
	if (error < 0)
		goto done;
	if (!up->output.ptr && (error = l2e__buf_put(&up->output, "", 0)) < 0) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                       "out of memory");
		goto done;
	}
	up->report.version = l2e__findings_strdup(&up->report, up->from);
	l2e__findings_sort(&up->report);
	if (up->report.is_oom) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                       "out of memory");
		goto done;
	}
	*out = up;
	up = NULL;
done:
	l2e_buf_dispose(&pdf_xml);
	l2e_upgrade_free(up);
	return error;
}

int l2e_upgrade_file(l2e_upgrade **out, l2e_ctx *ctx, const char *path,
                     const l2e_upgrade_options *opts)
{
	l2e_buf data = L2E_BUF_INIT;
	int error;

	L2E_ASSERT_ARG(out && ctx && path);
	*out = NULL;
	l2e__error_clear(ctx);
	if ((error = l2e__file_read(&data, ctx, path, ctx->opts.max_input_bytes,
	                            "max_input_bytes")) < 0)
		return error;
	error = l2e_upgrade_memory(out, ctx, path, data.ptr ? data.ptr : "",
	                           data.len, opts);
	l2e_buf_dispose(&data);
	return error;
}

const char *l2e_upgrade_from_version(const l2e_upgrade *u)
{
	return u ? u->from : NULL;
}

int l2e_upgrade_is_json(const l2e_upgrade *u)
{
	return u ? u->is_json : 0;
}

int l2e_upgrade_is_changed(const l2e_upgrade *u)
{
	return u ? u->is_changed : 0;
}

const char *l2e_upgrade_output(const l2e_upgrade *u, size_t *len_out)
{
	if (len_out)
		*len_out = u ? u->output.len : 0;
	return u ? u->output.ptr : NULL;
}

l2e__findings *l2e__upgrade_findings(l2e_upgrade *u)
{
	return &u->report;
}

const l2e_report *l2e_upgrade_report(const l2e_upgrade *u)
{
	return u ? &u->report : NULL;
}

void l2e_upgrade_free(l2e_upgrade *u)
{
	if (!u)
		return;
	l2e__findings_dispose(&u->report);
	l2e_buf_dispose(&u->output);
	l2e__free(u);
}
