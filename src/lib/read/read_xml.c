/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_xml.c - XML exports of older school systems.
 *
 * libxml2 parses, configured for hostile input: the bytes were read with
 * a size cap by us; compressed input and any DOCTYPE are refused before
 * parsing (no DTD, no entities, so no entity expansion of any size); the
 * parser never touches the network (XML_PARSE_NONET), never loads a DTD
 * or substitutes entities, and XInclude is never processed. An
 * ISO-8859-1 declaration is read as Windows-1252, its superset, as the
 * systems that write it do.
 *
 * The tree becomes a record tree: an element with only text becomes a
 * string; otherwise an object with "@name" members for attributes, a
 * member per child element (local name; repeated children become an
 * array, in document order) and "#text" for its own text. xsi:nil="true"
 * gives null. Lines come from libxml2; it keeps no columns.
 */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "util/alloc.h"
#include "util/group.h"
#include "core/buf.h"
#include "read/xml_precheck.h"

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* The mapping's source options for XML (see xml_options[] below). */
typedef struct xml_opts {
	const char *encoding;      /* NULL: as declared; "utf-8", ... */
	const char *records_xpath; /* selects the dossier records */
	const char **ns_prefixes;  /* namespaces for the XPath */
	const char **ns_uris;
	size_t n_namespaces;
} xml_opts;

typedef struct xml_state {
	const xml_opts *opt;
	const char *name;
	const char *data;
	size_t len;
	int is_done;
} xml_state;

typedef struct conv {
	l2e__pool *pool;
	l2e_ctx *ctx;
	const char *name;
	int failed; /* an error is set on ctx */
} conv;

static int xml_open(void **state, l2e_ctx *ctx, const l2e__source *src,
                    const char *name, const char *data, size_t len)
{
	xml_state *x = l2e__calloc(1, sizeof(*x));

	if (!x)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	x->opt = src->opts;
	x->name = name;
	x->data = data;
	x->len = len;
	*state = x;
	return 0;
}

static void xml_close(void *state)
{
	l2e__free(state);
}

static int conv_fail(conv *c, int code, unsigned line, const char *msg)
{
	if (!c->failed)
		l2e__error_set_at(c->ctx, code, L2E_ERRCLASS_READ, c->name,
		                  line, 0, NULL, "%s", msg);
	c->failed = 1;
	return code;
}

/* A limit passed: the message names it and its value. */
static int limit_fail(conv *c, unsigned line, const char *what,
                      const char *limit, size_t value)
{
	if (!c->failed)
		l2e__error_set_at(c->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                  c->name, line, 0, NULL, "%s %s (%zu)", what,
		                  limit, value);
	c->failed = 1;
	return L2E_ELIMIT;
}

static unsigned line_of(const xmlNode *n)
{
	long line = xmlGetLineNo(n);

	return line > 0 && line < 0x7FFFFFFF ? (unsigned)line : 0;
}

static int is_nil(const xmlNode *el)
{
	xmlChar *v = xmlGetNsProp(el, BAD_CAST "nil", BAD_CAST XSI_NS);
	int nil = v && (!xmlStrcmp(v, BAD_CAST "true") ||
	                !xmlStrcmp(v, BAD_CAST "1"));

	xmlFree(v);
	return nil;
}

/* The element's own text (text and CDATA children), or NULL if none. */
static int own_text(conv *c, const xmlNode *el, l2e_buf *out)
{
	const xmlNode *k;

	for (k = el->children; k; k = k->next)
		if ((k->type == XML_TEXT_NODE ||
		     k->type == XML_CDATA_SECTION_NODE) &&
		    k->content &&
		    l2e__buf_puts(out, (const char *)k->content) < 0)
			return conv_fail(c, L2E_ENOMEM, 0, "out of memory");
	if (out->len > c->ctx->opts.max_string_bytes)
		return limit_fail(c, line_of(el), "a text is longer than",
		                  "max_string_bytes",
		                  c->ctx->opts.max_string_bytes);
	return 0;
}

static int is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

static l2e__node *scalar(conv *c, l2e__node_kind kind, unsigned line,
                         const char *key, const char *text)
{
	l2e__node *n = l2e__node_new(c->pool, kind, line, 0);

	if (!n)
		return NULL;
	n->key = key;
	if (text) {
		n->len = strlen(text);
		if (!(n->text = l2e__pool_strndup(c->pool, text, n->len)))
			return NULL;
	}
	return n;
}

static l2e__node *element(conv *c, xmlNode *el, const char *key, size_t depth);

/*
 * Child elements as members: grouped by name (util/group.h: n log n for
 * wide elements, groups in order of first appearance, members in
 * document order), a group of two or more as an array.
 */
static int children(conv *c, l2e__node *obj, xmlNode *el, size_t depth)
{
	l2e__groups g = { NULL, NULL, 0 };
	const char **names = NULL;
	xmlNode **nodes = NULL, *k;
	const size_t *m;
	size_t n = 0, i, j, size;
	l2e__node *member, *arr, *item;
	int error = 0;

	for (k = el->children; k; k = k->next)
		n += k->type == XML_ELEMENT_NODE;
	if (!n)
		return 0;
	names = l2e__calloc(n, sizeof(*names));
	nodes = l2e__calloc(n, sizeof(*nodes));
	if (!names || !nodes) {
		error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
		goto done;
	}
	for (i = 0, k = el->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE) {
			names[i] = (const char *)k->name;
			nodes[i++] = k;
		}
	if (l2e__group_by_key(&g, names, n) < 0) {
		error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
		goto done;
	}
	for (i = 0; i < g.n_groups && !error; i++) {
		const char *name;

		m = g.order + g.starts[i]; /* the group's members */
		size = g.starts[i + 1] - g.starts[i];
		if (!(name = l2e__pool_strdup(c->pool, names[m[0]]))) {
			error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
			break;
		}
		if (size == 1) {
			if (!(member =
			          element(c, nodes[m[0]], name, depth + 1))) {
				error = L2E_ERROR;
				break;
			}
			l2e__node_append(obj, member);
			continue;
		}
		arr = l2e__node_new(c->pool, L2E__NODE_ARRAY,
		                    line_of(nodes[m[0]]), 0);
		if (!arr) {
			error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
			break;
		}
		arr->key = name;
		l2e__node_append(obj, arr);
		for (j = 0; j < size; j++) {
			if (!(item =
			          element(c, nodes[m[j]], NULL, depth + 1))) {
				error = L2E_ERROR;
				break;
			}
			l2e__node_append(arr, item);
		}
	}
done:
	l2e__groups_dispose(&g);
	l2e__free((void *)names);
	l2e__free(nodes);
	return error;
}

static l2e__node *element(conv *c, xmlNode *el, const char *key, size_t depth)
{
	l2e_buf text = L2E_BUF_INIT;
	l2e__node *obj = NULL, *n;
	xmlAttr *a;
	unsigned line = line_of(el);
	int has_children = 0;
	xmlNode *k;

	if (depth > c->ctx->opts.max_depth) {
		limit_fail(c, line, "nesting deeper than", "max_depth",
		           c->ctx->opts.max_depth);
		return NULL;
	}
	if (is_nil(el)) {
		obj = scalar(c, L2E__NODE_NULL, line, key, NULL);
		goto done;
	}
	for (k = el->children; k; k = k->next)
		has_children |= k->type == XML_ELEMENT_NODE;
	if (own_text(c, el, &text) < 0)
		goto done; /* frees the text read so far */
	if (!has_children && !el->properties) {
		obj = scalar(c, L2E__NODE_STRING, line, key,
		             text.ptr ? text.ptr : "");
		goto done;
	}
	if (!(obj = l2e__node_new(c->pool, L2E__NODE_OBJECT, line, 0)))
		goto done;
	obj->key = key;
	for (a = el->properties; a; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNode *)a);
		l2e_buf name = L2E_BUF_INIT;

		if (a->ns && !xmlStrcmp(a->ns->href, BAD_CAST XSI_NS)) {
			xmlFree(v);
			continue; /* xsi:nil, xsi:schemaLocation: not data */
		}
		if (v &&
		    strlen((const char *)v) > c->ctx->opts.max_string_bytes) {
			xmlFree(v);
			limit_fail(c, line, "an attribute value is longer than",
			           "max_string_bytes",
			           c->ctx->opts.max_string_bytes);
			obj = NULL;
			goto done;
		}
		l2e__buf_printf(&name, "@%s", (const char *)a->name);
		n = name.ptr ? scalar(c, L2E__NODE_STRING, line,
		                      l2e__pool_strdup(c->pool, name.ptr),
		                      v ? (const char *)v : "")
		             : NULL;
		l2e_buf_dispose(&name);
		xmlFree(v);
		if (!n || !n->key) {
			obj = NULL;
			goto done;
		}
		if (l2e__node_member(obj, n->key))
			continue; /* same local name in two namespaces */
		l2e__node_append(obj, n);
	}
	if (children(c, obj, el, depth) < 0) {
		obj = NULL;
		goto done;
	}
	if (text.ptr && !is_blank(text.ptr)) {
		if (!(n = scalar(c, L2E__NODE_STRING, line, "#text",
		                 text.ptr))) {
			obj = NULL;
			goto done;
		}
		l2e__node_append(obj, n);
	}
done:
	if (!obj && !c->failed)
		conv_fail(c, L2E_ENOMEM, 0, "out of memory");
	if (obj)
		el->_private = obj; /* for records chosen by XPath */
	l2e_buf_dispose(&text);
	return obj;
}

/*
 * The parser stops at the first DOCTYPE or declaration it meets. The
 * byte search in l2e__xml_precheck() cannot see one in UTF-16 or UTF-32
 * (which libxml2 decodes), so this is what holds there: no internal
 * subset is ever parsed, so no entity is ever declared or expanded.
 */
static void stop_at_dtd(void *ctx, const xmlChar *name, const xmlChar *id,
                        const xmlChar *system)
{
	(void)name;
	(void)id;
	(void)system;
	xmlStopParser(ctx);
}

/* What the parser hooks learn (the parser context's _private). */
typedef struct sax_count {
	size_t n_values;
	size_t max_values;
	int is_too_many;
} sax_count;

/*
 * Elements and attributes are counted as libxml2 meets them, so that a
 * file of a million tiny elements is stopped at max_values before its
 * tree (some 100 bytes per node) is built, not after.
 */
static void count_element(void *ctx, const xmlChar *localname,
                          const xmlChar *prefix, const xmlChar *uri,
                          int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted,
                          const xmlChar **attributes)
{
	xmlParserCtxtPtr pctx = ctx;
	sax_count *n = pctx->_private;

	if (n) {
		n->n_values +=
		    1 + (size_t)(nb_attributes > 0 ? nb_attributes : 0);
		if (n->n_values > n->max_values) {
			n->is_too_many = 1;
			xmlStopParser(pctx);
			return;
		}
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	                      namespaces, nb_attributes, nb_defaulted,
	                      attributes);
}

static void stop_at_entity(void *ctx, const xmlChar *name, int type,
                           const xmlChar *id, const xmlChar *system,
                           xmlChar *content)
{
	(void)name;
	(void)type;
	(void)id;
	(void)system;
	(void)content;
	xmlStopParser(ctx);
}

/*
 * libxml2 2.9 compares every attribute of an element with every other:
 * a start tag with a million attributes (6 MiB) parses for hours. So
 * the attributes of each start tag ('=' outside quotes) are counted on
 * the bytes first, in steps of two for UTF-16 (a BOM or a NUL beside
 * the first '<'), where the markup characters are ASCII in one byte of
 * each pair. Comments and the like may make it count too many, never
 * too few.
 */
static int attribute_check(l2e_ctx *ctx, const char *name, const char *data,
                           size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t i = 0, step = 1, n = 0, line = 1;
	int in_tag = 0;
	unsigned char quote = 0, c;

	if (len >= 2 &&
	    ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == '<' && u[1] == 0))) {
		step = 2; /* UTF-16LE: the low byte first */
	} else if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
	                        (u[0] == 0 && u[1] == '<'))) {
		step = 2; /* UTF-16BE: the low byte second */
		i = 1;
	}
	for (; i < len; i += step) {
		c = u[i];
		if (step == 2 && u[i ^ 1] != 0)
			continue; /* not an ASCII character */
		line += c == '\n';
		if (quote) {
			quote = c == quote ? 0 : quote;
		} else if (!in_tag) {
			/* a start tag: not a comment, CDATA, PI or end tag,
			 * whose quotes would mean nothing */
			in_tag = c == '<' && i + step < len &&
			         !strchr("!?/", u[i + step]);
			n = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '>') {
			in_tag = 0;
		} else if (c == '=' && ++n > ctx->opts.max_attributes) {
			return l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, name,
			    (unsigned)line, 0, NULL,
			    "an element has more than max_attributes "
			    "(%zu) attributes",
			    ctx->opts.max_attributes);
		}
	}
	return 0;
}

/* ISO-8859-1 declared: read as Windows-1252 (what such systems write). */
static const char *encoding_override(const xml_opts *opt, const char *data,
                                     size_t len)
{
	size_t n = len < 200 ? len : 200, i;

	if (opt->encoding)
		return !strcmp(opt->encoding, "windows-1252") ? "WINDOWS-1252"
		                                              : "UTF-8";
	for (i = 0; i + 10 <= n; i++)
		if (!strncmp(data + i, "ISO-8859-1", 10) ||
		    !strncmp(data + i, "iso-8859-1", 10) ||
		    !strncmp(data + i, "latin1", 6))
			return "WINDOWS-1252";
	return NULL;
}

static int select_records(conv *c, xmlDoc *doc, const xml_opts *opt,
                          l2e__node ***records, size_t *n_records)
{
	xmlXPathContext *xp = NULL;
	xmlXPathObject *res = NULL;
	size_t i, n = 0;
	int error = 0;

	xp = xmlXPathNewContext(doc);
	if (!xp) {
		error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
		goto done;
	}
	for (i = 0; i < opt->n_namespaces; i++)
		xmlXPathRegisterNs(xp, BAD_CAST opt->ns_prefixes[i],
		                   BAD_CAST opt->ns_uris[i]);
	res = xmlXPathEvalExpression(BAD_CAST opt->records_xpath, xp);
	if (!res || res->type != XPATH_NODESET) {
		error = l2e__error_set(c->ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP,
		                       "records_xpath \"%s\" is not an XPath "
		                       "that selects elements",
		                       opt->records_xpath);
		goto done;
	}
	if (res->nodesetval && res->nodesetval->nodeNr > 0) {
		*records =
		    l2e__pool_alloc(c->pool, (size_t)res->nodesetval->nodeNr *
		                                 sizeof(**records));
		if (!*records) {
			error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
			goto done;
		}
		for (i = 0; i < (size_t)res->nodesetval->nodeNr; i++) {
			xmlNode *hit = res->nodesetval->nodeTab[i];

			if (hit->type == XML_ELEMENT_NODE && hit->_private)
				(*records)[n++] = hit->_private;
		}
	} else {
		/* no records: an empty list, not "use the mapping's paths" */
		*records = l2e__pool_alloc(c->pool, sizeof(**records));
		if (!*records)
			error = conv_fail(c, L2E_ENOMEM, 0, "out of memory");
	}
	*n_records = n;
done:
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(xp);
	return error;
}

static int xml_next(l2e__node **root, l2e__node ***records, size_t *n_records,
                    l2e__pool *pool, l2e_ctx *ctx, void *state)
{
	xml_state *x = state;
	xmlParserCtxt *pctx = NULL;
	xmlDoc *doc = NULL;
	conv c = { pool, ctx, x->name, 0 };
	sax_count count = { 0, 0, 0 };
	unsigned line;
	int error = 0;
	const xmlError *e;

	*root = NULL;
	*records = NULL;
	*n_records = 0;
	if (x->is_done)
		return 0;
	x->is_done = 1;
	if (x->len > (size_t)0x7FFFFFFF)
		return l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                         x->name, 0, 0, NULL,
		                         "XML input too large");
	if ((error = l2e__xml_precheck(ctx, x->name, x->data, x->len,
	                               "an export")) < 0 ||
	    (error = attribute_check(ctx, x->name, x->data, x->len)) < 0)
		return error;
	if (!(pctx = xmlNewParserCtxt()))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	pctx->sax->internalSubset = stop_at_dtd;
	pctx->sax->externalSubset = stop_at_dtd;
	pctx->sax->entityDecl = stop_at_entity;
	pctx->sax->startElementNs = count_element;
	count.max_values = ctx->opts.max_values;
	pctx->_private = &count;
	doc = xmlCtxtReadMemory(pctx, x->data, (int)x->len, x->name,
	                        encoding_override(x->opt, x->data, x->len),
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	                            XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS);
	e = xmlCtxtGetLastError(pctx);
	/* xmlStopParser() sets errNo, not the last error: our hooks */
	if (pctx->errNo == XML_ERR_USER_STOP) {
		line = pctx->input && pctx->input->line > 0
		           ? (unsigned)pctx->input->line
		           : 0;
		if (count.is_too_many)
			error = l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, x->name, line,
			    0, NULL,
			    "more than max_values (%zu) elements and "
			    "attributes",
			    count.max_values);
		else
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, x->name, line,
			    0, NULL,
			    "a DOCTYPE or entity declaration is "
			    "not accepted in an export");
		goto done;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (e && e->code == XML_ERR_NO_MEMORY) {
			error =
			    l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
			                   "out of memory");
		} else if (e && e->message) {
			char msg[256];
			size_t n;

			snprintf(msg, sizeof(msg), "%s", e->message);
			n = strlen(msg);
			while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, x->name,
			    e->line > 0 ? (unsigned)e->line : 0,
			    e->int2 > 0 ? (unsigned)e->int2 : 0, NULL,
			    "XML: %s", msg);
		} else {
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, x->name, 0, 0,
			    NULL, "not an XML document");
		}
		goto done;
	}
	if (doc->intSubset || doc->extSubset) { /* belt and braces */
		error = l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          x->name, 0, 0, NULL,
		                          "a DOCTYPE is not "
		                          "accepted in an export");
		goto done;
	}
	*root = element(&c, xmlDocGetRootElement(doc), NULL, 1);
	if (!*root) {
		error = ctx->err.code ? ctx->err.code : L2E_ENOMEM;
		goto done;
	}
	if (x->opt->records_xpath &&
	    (error = select_records(&c, doc, x->opt, records, n_records)) < 0)
		*root = NULL;
done:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pctx);
	return error;
}

/* ==== Options (the mapping's "source") ==== */

static int opt_encoding(l2e__optc *oc, void *opts, const l2e__node *v)
{
	return l2e__optc_encoding(oc, &((xml_opts *)opts)->encoding, v);
}

static int opt_records_xpath(l2e__optc *oc, void *opts, const l2e__node *v)
{
	xml_opts *o = opts;
	xmlXPathCompExprPtr comp;
	int error;

	if ((error = l2e__optc_text(oc, v, &o->records_xpath,
	                            "\"records_xpath\"")) < 0)
		return error;
	/* compile it now: a broken XPath is a mapping error */
	comp = xmlXPathCompile(BAD_CAST o->records_xpath);
	if (!comp)
		return l2e__optc_bad(oc, v,
		                     "\"records_xpath\" is not a valid XPath "
		                     "expression");
	xmlXPathFreeCompExpr(comp);
	return 0;
}

static int opt_namespaces(l2e__optc *oc, void *opts, const l2e__node *ns)
{
	xml_opts *o = opts;
	const l2e__node *e;
	size_t n;
	int error;

	if ((error = l2e__optc_expect(oc, ns, L2E__NODE_OBJECT,
	                              "\"namespaces\"")) < 0)
		return error;
	n = ns->n_children + 1;
	o->ns_prefixes = l2e__pool_alloc(oc->pool, n * sizeof(char *));
	o->ns_uris = l2e__pool_alloc(oc->pool, n * sizeof(char *));
	if (!o->ns_prefixes || !o->ns_uris)
		return oc->oom(oc);
	for (e = ns->first; e; e = e->next) {
		o->ns_prefixes[o->n_namespaces] =
		    l2e__pool_strdup(oc->pool, e->key);
		if (!o->ns_prefixes[o->n_namespaces])
			return oc->oom(oc);
		if ((error = l2e__optc_text(oc, e, &o->ns_uris[o->n_namespaces],
		                            "a namespace")) < 0)
			return error;
		o->n_namespaces++;
	}
	return 0;
}

static int xml_options_done(l2e__optc *oc, void *opts, l2e__source *src,
                            const l2e__node *source)
{
	(void)oc;
	(void)source;
	src->has_own_records = ((xml_opts *)opts)->records_xpath != NULL;
	return 0;
}

static const l2e__option xml_options[] = {
	{ "encoding", opt_encoding, NULL },
	{ "records_xpath", opt_records_xpath, NULL },
	{ "namespaces", opt_namespaces, NULL },
};

const l2e__reader l2e__reader_xml = {
	.name = "xml",
	.label = "XML",
	.options = xml_options,
	.n_options = sizeof(xml_options) / sizeof(xml_options[0]),
	.opts_size = sizeof(xml_opts),
	.options_done = xml_options_done,
	.open = xml_open,
	.next = xml_next,
	.close = xml_close,
};
