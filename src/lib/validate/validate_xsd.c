/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * validate_xsd.c - Europass v3 XML against the official XSD, offline.
 *
 * Loading. The schema set refers to some of its files by absolute URL
 * (https://europass.cedefop.europa.eu/xml/included/...). libxml2 loads
 * every schema file through the process's external entity loader, which
 * l2e_global_init() set to refuse everything. For the one call to
 * xmlSchemaParse() this file scopes its own loader on the calling thread
 * (core/ctx.h, l2e__entity_scope): it maps a location through the
 * catalog.xml beside the schema (uri, system, rewriteURI and
 * rewriteSystem entries, read here, not by libxml2's global catalog
 * machinery), refuses any URL that is not a local file, and opens only
 * files inside the schema's folder. Nothing is ever fetched. libxml2's
 * messages while loading go to this thread's structured error handler
 * for that call and end up in the context's error, never on stderr.
 *
 * Validating. The compiled schema belongs to one validator (one thread).
 * Each document gets its own validation context whose structured error
 * handler turns every libxml2 message into a finding: the line libxml2
 * recorded for the element (XML_PARSE_BIG_LINES: right past 65535), the
 * column of its start tag that validate.c recorded while parsing, and
 * the element's XPath. The Europass namespace, which libxml2 writes in
 * front of every element name, is left out of messages.
 */
/* realpath() */
#define _XOPEN_SOURCE 700

#include "validate/validate_int.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlschemas.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/file.h"

#define NS_V3             "http://europass.cedefop.europa.eu/Europass"
#define NS_CATALOG        "urn:oasis:names:tc:entity:xmlns:xml:catalog"
#define CATALOG_MAX_BYTES ((size_t)1 << 20)

struct l2e__xsd {
	xmlSchema *schema;
};

/* ==== The catalog ==== */

typedef struct rule {
	int is_prefix; /* rewrite*: `from` is a prefix */
	char *from;
	char *to; /* a path or file: URL, resolved against the catalog */
} rule;

typedef struct loader {
	char *root; /* realpath of the schema folder, ending in '/' */
	rule *rules;
	size_t n_rules;
	l2e_buf why;    /* the first refusal, for the error message */
	l2e_buf errors; /* the first libxml2 message while loading */
} loader;

static void loader_dispose(loader *ld)
{
	size_t i;

	for (i = 0; i < ld->n_rules; i++) {
		l2e__free(ld->rules[i].from);
		l2e__free(ld->rules[i].to);
	}
	l2e__free(ld->rules);
	l2e__free(ld->root);
	l2e_buf_dispose(&ld->why);
	l2e_buf_dispose(&ld->errors);
}

/* `target` made absolute against the folder `base` (ending in '/'). */
static char *against(const char *base, const char *target)
{
	l2e_buf out = L2E_BUF_INIT;

	if (target[0] == '/' || strstr(target, "://"))
		return l2e__strdup(target);
	if (l2e__buf_printf(&out, "%s%s", base, target) < 0) {
		l2e_buf_dispose(&out);
		return NULL;
	}
	return l2e__buf_detach(&out);
}

static int add_rule(loader *ld, int is_prefix, const xmlChar *from,
                    const xmlChar *to, const char *base)
{
	rule *grown;

	if (!from || !to)
		return L2E_EPARSE;
	grown = l2e__realloc(ld->rules, (ld->n_rules + 1) * sizeof(*grown));
	if (!grown)
		return L2E_ENOMEM;
	ld->rules = grown;
	grown[ld->n_rules].is_prefix = is_prefix;
	grown[ld->n_rules].from = l2e__strdup((const char *)from);
	grown[ld->n_rules].to = against(base, (const char *)to);
	ld->n_rules++;
	if (!grown[ld->n_rules - 1].from || !grown[ld->n_rules - 1].to)
		return L2E_ENOMEM;
	return 0;
}

/* The entries of a catalog element and its <group>s. */
static int catalog_entries(loader *ld, l2e_ctx *ctx, const char *path,
                           const xmlNode *parent, const char *base)
{
	static const struct {
		const char *name, *from, *to;
		int is_prefix;
	} kinds[] = {
		{ "uri", "name", "uri", 0 },
		{ "system", "systemId", "uri", 0 },
		{ "rewriteURI", "uriStartString", "rewritePrefix", 1 },
		{ "rewriteSystem", "systemIdStartString", "rewritePrefix", 1 },
	};
	const xmlNode *k;
	size_t i;
	int error = 0;

	for (k = parent->children; k && !error; k = k->next) {
		xmlChar *from, *to;

		if (k->type != XML_ELEMENT_NODE || !k->ns ||
		    strcmp((const char *)k->ns->href, NS_CATALOG) != 0)
			continue;
		if (!strcmp((const char *)k->name, "group")) {
			error = catalog_entries(ld, ctx, path, k, base);
			continue;
		}
		if (!strcmp((const char *)k->name, "public"))
			continue; /* public ids: schemas are found by URI */
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (!strcmp((const char *)k->name, kinds[i].name))
				break;
		if (i == sizeof(kinds) / sizeof(kinds[0]))
			return l2e__error_set_at(
			    ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_VALIDATE, path,
			    l2e__xml_line(k), 0, NULL,
			    "catalog entry <%.40s> is not supported (only "
			    "uri, system, rewriteURI, rewriteSystem, group)",
			    (const char *)k->name);
		from = xmlGetProp(k, BAD_CAST kinds[i].from);
		to = xmlGetProp(k, BAD_CAST kinds[i].to);
		error = add_rule(ld, kinds[i].is_prefix, from, to, base);
		xmlFree(from);
		xmlFree(to);
		if (error == L2E_EPARSE)
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_VALIDATE, path,
			    l2e__xml_line(k), 0, NULL,
			    "catalog entry <%s> lacks %s or %s", kinds[i].name,
			    kinds[i].from, kinds[i].to);
		else if (error < 0)
			error = l2e__error_set(
			    ctx, error, L2E_ERRCLASS_VALIDATE, "out of memory");
	}
	return error;
}

static int catalog_load(loader *ld, l2e_ctx *ctx, const char *path)
{
	l2e_buf bytes = L2E_BUF_INIT, base = L2E_BUF_INIT;
	xmlParserCtxt *pctx = NULL;
	xmlDoc *doc = NULL;
	const xmlNode *root;
	char *real = NULL, *slash;
	int error;

	if ((error = l2e__file_read(&bytes, ctx, path, CATALOG_MAX_BYTES,
	                            "the catalog size limit")) < 0)
		goto done;
	if (!(pctx = xmlNewParserCtxt())) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
		                       "out of memory");
		goto done;
	}
	doc = xmlCtxtReadMemory(pctx, bytes.ptr, (int)bytes.len, path, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || !root->ns ||
	    strcmp((const char *)root->ns->href, NS_CATALOG) != 0) {
		error =
		    l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_VALIDATE,
		                      path, 0, 0, NULL, "not an XML catalog");
		goto done;
	}
	/* relative targets are relative to the catalog's folder */
	real = realpath(path, NULL);
	if (!real || l2e__buf_puts(&base, real) < 0) {
		error = l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_VALIDATE,
		                          path, 0, 0, NULL,
		                          "cannot resolve the catalog's path");
		goto done;
	}
	slash = strrchr(base.ptr, '/');
	base.len = (size_t)(slash - base.ptr) + 1;
	base.ptr[base.len] = '\0';
	error = catalog_entries(ld, ctx, path, root, base.ptr);
done:
	free(real);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pctx);
	l2e_buf_dispose(&bytes);
	l2e_buf_dispose(&base);
	return error;
}

/* ==== The scoped entity loader ==== */

static void refuse(loader *ld, const char *url, const char *why)
{
	if (!ld->why.len)
		l2e__buf_printf(&ld->why, "%s: %s", url, why);
}

/* `url` through the catalog, as a local path (malloc'd), or NULL. */
static char *resolve(loader *ld, const char *url)
{
	const rule *best = NULL;
	l2e_buf mapped = L2E_BUF_INIT;
	char *path = NULL, *real = NULL;
	size_t i, best_len = 0, n;

	for (i = 0; i < ld->n_rules && !best; i++)
		if (!ld->rules[i].is_prefix && !strcmp(ld->rules[i].from, url))
			best = &ld->rules[i];
	for (i = 0; i < ld->n_rules && (!best || best->is_prefix); i++) {
		n = strlen(ld->rules[i].from);
		if (ld->rules[i].is_prefix && n > best_len &&
		    !strncmp(ld->rules[i].from, url, n)) {
			best = &ld->rules[i];
			best_len = n;
		}
	}
	if (best && best->is_prefix)
		l2e__buf_printf(&mapped, "%s%s", best->to, url + best_len);
	else
		l2e__buf_puts(&mapped, best ? best->to : url);
	if (!mapped.ptr)
		goto done;
	if (!strncmp(mapped.ptr, "file://", 7)) {
		const char *p = mapped.ptr + 7;

		if (!strncmp(p, "localhost/", 10))
			p += 9;
		path = xmlURIUnescapeString(p, 0, NULL);
	} else if (strstr(mapped.ptr, "://")) {
		refuse(ld, url,
		       "not a local file and not mapped by the "
		       "catalog (schemas are never fetched)");
		goto done;
	} else {
		path = (char *)xmlStrdup(BAD_CAST mapped.ptr);
	}
	if (!path)
		goto done;
	real = realpath(path, NULL);
	if (!real) {
		refuse(ld, url, "no such file in the schema folder");
	} else if (strncmp(real, ld->root, strlen(ld->root)) != 0) {
		refuse(ld, url, "outside the schema folder");
		free(real);
		real = NULL;
	}
done:
	xmlFree(path);
	l2e_buf_dispose(&mapped);
	return real;
}

static void *load_entity(const char *url, const char *id, void *pctxt,
                         void *payload)
{
	loader *ld = payload;
	xmlParserInputPtr in = NULL;
	char *path;

	(void)id;
	if (!url || !pctxt)
		return NULL;
	path = resolve(ld, url);
	if (path)
		in = xmlNewInputFromFile(pctxt, path);
	free(path);
	return in;
}

static void on_load_error(void *payload, xmlErrorPtr e)
{
	loader *ld = payload;
	size_t n;

	if (!e || e->level == XML_ERR_WARNING || ld->errors.len)
		return;
	if (e->file)
		l2e__buf_printf(&ld->errors, "%s:%d: ", e->file, e->line);
	l2e__buf_puts(&ld->errors, e->message ? e->message : "error");
	n = ld->errors.len;
	while (n &&
	       (ld->errors.ptr[n - 1] == '\n' || ld->errors.ptr[n - 1] == ' '))
		ld->errors.ptr[--n] = '\0';
	ld->errors.len = n;
}

int l2e__xsd_load(l2e__xsd **out, l2e_ctx *ctx, const char *xsd_path,
                  const char *catalog_path)
{
	loader ld;
	l2e__xsd *xsd = NULL;
	xmlSchemaParserCtxt *pctx = NULL;
	xmlStructuredErrorFunc old_fn;
	void *old_data;
	char *real = NULL, *slash;
	int error = 0;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	if (!l2e__entity_guard_installed()) {
		error = l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_VALIDATE,
		                       "l2e_global_init() was not called");
		goto done;
	}
	real = realpath(xsd_path, NULL);
	if (!real) {
		error =
		    l2e__error_set_at(ctx, L2E_ENOTFOUND, L2E_ERRCLASS_VALIDATE,
		                      xsd_path, 0, 0, NULL, "schema not found");
		goto done;
	}
	/* the root: the schema's folder, with its slash */
	slash = strrchr(real, '/');
	ld.root = l2e__malloc((size_t)(slash - real) + 2);
	if (!ld.root) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
		                       "out of memory");
		goto done;
	}
	memcpy(ld.root, real, (size_t)(slash - real) + 1);
	ld.root[(slash - real) + 1] = '\0';
	if (catalog_path && (error = catalog_load(&ld, ctx, catalog_path)) < 0)
		goto done;
	if (!(xsd = l2e__calloc(1, sizeof(*xsd))) ||
	    !(pctx = xmlSchemaNewParserCtxt(real))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
		                       "out of memory");
		goto done;
	}
	xmlSchemaSetParserStructuredErrors(pctx, on_load_error, &ld);
	/* this thread only, this call only: see the top of the file */
	old_fn = xmlStructuredError;
	old_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&ld, on_load_error);
	l2e__entity_scope(load_entity, &ld);
	xsd->schema = xmlSchemaParse(pctx);
	l2e__entity_scope(NULL, NULL);
	xmlSetStructuredErrorFunc(old_data, old_fn);
	if (!xsd->schema) {
		error = l2e__error_set_at(
		    ctx, L2E_EPARSE, L2E_ERRCLASS_VALIDATE, xsd_path, 0, 0,
		    NULL, "the schema does not load: %s%s%s",
		    ld.errors.ptr ? ld.errors.ptr : "libxml2 gave no reason",
		    ld.why.ptr ? "; " : "", ld.why.ptr ? ld.why.ptr : "");
		goto done;
	}
	*out = xsd;
	xsd = NULL;
done:
	xmlSchemaFreeParserCtxt(pctx);
	l2e__xsd_free(xsd);
	loader_dispose(&ld);
	free(real);
	return error;
}

void l2e__xsd_free(l2e__xsd *xsd)
{
	if (!xsd)
		return;
	xmlSchemaFree(xsd->schema);
	l2e__free(xsd);
}

/* ==== Validation ==== */

typedef struct vstate {
	l2e_report *r;
	int is_oom;
} vstate;

static void on_valid_error(void *payload, xmlErrorPtr e)
{
	vstate *st = payload;
	const xmlNode *node = e ? e->node : NULL;
	l2e_buf msg = L2E_BUF_INIT, path = L2E_BUF_INIT;
	unsigned line, column;

	if (!e)
		return;
	if (node && node->type != XML_ELEMENT_NODE &&
	    node->type != XML_ATTRIBUTE_NODE)
		node = NULL;
	line = node ? l2e__xml_line(node) : 0;
	column = node ? l2e__xml_column(node) : 0;
	if (!line && e->line > 0) {
		line = (unsigned)e->line;
		column = e->int2 > 0 ? (unsigned)e->int2 : 0;
	}
	/* Europass names without their "{namespace}" */
	if (l2e__xml_error_text(&msg, e, "schema error", "{" NS_V3 "}") < 0 ||
	    (node && l2e__xml_path(&path, node) < 0)) {
		st->is_oom = 1;
		goto done;
	}
	l2e__report_add(st->r,
	                e->level == XML_ERR_WARNING ? L2E_SEVERITY_WARNING
	                                            : L2E_SEVERITY_ERROR,
	                line, column, path.ptr, "xsd", "%s", msg.ptr);
done:
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&path);
}

int l2e__xsd_validate(l2e__xsd *xsd, l2e_report *r, xmlDoc *doc)
{
	xmlSchemaValidCtxt *vctx = NULL;
	vstate st = { r, 0 };
	size_t n_errors = r->n_errors;
	int rc;

	if (!(vctx = xmlSchemaNewValidCtxt(xsd->schema)))
		return L2E_ENOMEM;
	xmlSchemaSetValidStructuredErrors(vctx, on_valid_error, &st);
	rc = xmlSchemaValidateDoc(vctx, doc);
	xmlSchemaFreeValidCtxt(vctx);
	if (st.is_oom)
		return L2E_ENOMEM;
	if (rc < 0) /* libxml2 could not validate: never pass */
		l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL, "xsd",
		                "the XSD validation could not run "
		                "(libxml2 internal error %d)",
		                rc);
	else if (rc > 0 && r->n_errors == n_errors)
		l2e__report_add(r, L2E_SEVERITY_ERROR, 0, 0, NULL, "xsd",
		                "the XSD rejects the document (libxml2 "
		                "gave no message)");
	return rc == 0 ? 1 : 0;
}
