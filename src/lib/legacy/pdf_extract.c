/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * pdf_extract.c - the Europass XML attached to a Europass PDF.
 *
 * Why libqpdf (and not poppler-glib): qpdf is a library for the
 * structure of a PDF, which is all this needs: the catalog, name trees,
 * page annotations, file specifications and stream bytes, through its C
 * API's object handles (qpdf_oh_*). It reads cross-reference and object
 * streams (PDF 1.5+), decodes #xx in names, decrypts what opens without
 * a password, and reports a password it lacks as its own error code.
 * poppler-glib would bring GLib, cairo and a renderer for one list of
 * attachments, and hides the filespec details (key vs /F vs /UF) behind
 * its own choice.
 *
 * The three attachment conventions of UPGRADE-RULES.md section 4:
 *   1. page /Annots with /Subtype /FileAttachment and an /FS filespec
 *      (the OpenOffice-era editor, v1.x/v2.0: CV.xml, LP.xml);
 *   2. the catalog's /Names /EmbeddedFiles name tree (EWA 2012-2020:
 *      Europass-XML-Attachment.xml, older Europass-CV-XML-...);
 *   3. attachment.xml in the name tree and the catalog's /AF (the
 *      portal since 2020, a Candidate document).
 * A filespec's name is /UF, else /F; the accepted names are EWA's list
 * plus attachment.xml. Unlike EWA, an attachment under another name
 * whose name ends in .xml and whose root is a Europass root is taken,
 * with a warning: the data is the student's either way.
 *
 * Limits, each one clear error: the file (max_input_bytes, read before
 * qpdf sees it); the name tree (depth 32, 10000 nodes: a /Kids loop
 * ends there); pages (10000) and annotations per page (1000); the
 * stream's bytes (max_input_bytes raw, and inflated by zlib here with
 * the same cap, so a compression bomb stops at the cap instead of being
 * inflated by qpdf in one piece); only FlateDecode or no filter; a
 * password the PDF needs.
 */
#include "legacy/legacy.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "core/buf.h"
#include "core/file.h"
#include "legacy/qpdf_lib.h"
#include "util/alloc.h"

#define MAX_TREE_DEPTH 32
#define MAX_TREE_NODES 10000
#define MAX_PAGES      10000
#define MAX_ANNOTS     1000
#define MAX_CANDIDATES 64

static const char *const accepted[] = { "Europass-XML-Attachment.xml",
	                                "Europass-CV-XML-Attachment.xml",
	                                "Europass-LP-XML-Attachment.xml",
	                                "CV.xml",
	                                "LP.xml",
	                                "attachment.xml" };

typedef struct candidate {
	char name[256];
	qpdf_oh stream; /* the /EF stream */
} candidate;

typedef struct pdf {
	l2e_ctx *ctx;
	const char *file;
	qpdf_data q;
	candidate found[MAX_CANDIDATES];
	size_t n_found;
	size_t n_nodes;
	int error;        /* the first limit hit */
	l2e__findings *f; /* warnings go here; NULL: the context's callback */
} pdf;

static int limit(pdf *p, const char *what)
{
	if (!p->error)
		p->error =
		    l2e__error_set_at(p->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                      p->file, 0, 0, NULL, "PDF: %s", what);
	return p->error;
}

/* The filespec's name (/UF, else /F) and embedded stream, if any. */
static void add_filespec(pdf *p, qpdf_oh fs)
{
	qpdf_data q = p->q;
	qpdf_oh ef, s, n;
	const char *name = NULL;
	candidate *c;
	size_t i;

	if (!l2e__qpdf.oh_is_dictionary(q, fs))
		return;
	ef = l2e__qpdf.oh_get_key(q, fs, "/EF");
	s = l2e__qpdf.oh_get_key(q, ef, "/UF");
	if (!l2e__qpdf.oh_is_stream(q, s))
		s = l2e__qpdf.oh_get_key(q, ef, "/F");
	if (!l2e__qpdf.oh_is_stream(q, s))
		return;
	/* the same stream through the name tree and /AF counts once */
	for (i = 0; i < p->n_found; i++)
		if (l2e__qpdf.oh_get_object_id(q, p->found[i].stream) ==
		        l2e__qpdf.oh_get_object_id(q, s) &&
		    l2e__qpdf.oh_get_object_id(q, s) != 0)
			return;
	if (p->n_found == MAX_CANDIDATES) {
		limit(p, "more than 64 attached files");
		return;
	}
	n = l2e__qpdf.oh_get_key(q, fs, "/UF");
	if (!l2e__qpdf.oh_is_string(q, n))
		n = l2e__qpdf.oh_get_key(q, fs, "/F");
	c = &p->found[p->n_found++];
	c->stream = s;
	c->name[0] = '\0';
	/* qpdf's string lives until its next call: copied at once */
	if (l2e__qpdf.oh_is_string(q, n) &&
	    (name = l2e__qpdf.oh_get_utf8_value(q, n)))
		snprintf(c->name, sizeof(c->name), "%s", name);
}

/* /Names [key fs key fs ...] and /Kids of a name tree node. */
static void walk_tree(pdf *p, qpdf_oh node, int depth)
{
	qpdf_data q = p->q;
	qpdf_oh names, kids;
	int i, n;

	if (p->error || !l2e__qpdf.oh_is_dictionary(q, node))
		return;
	if (depth > MAX_TREE_DEPTH || ++p->n_nodes > MAX_TREE_NODES) {
		limit(p, "the EmbeddedFiles name tree is deeper or larger than "
		         "a PDF needs (a loop?)");
		return;
	}
	names = l2e__qpdf.oh_get_key(q, node, "/Names");
	n = l2e__qpdf.oh_is_array(q, names)
	        ? l2e__qpdf.oh_get_array_n_items(q, names)
	        : 0;
	for (i = 1; i < n && !p->error; i += 2)
		add_filespec(p, l2e__qpdf.oh_get_array_item(q, names, i));
	kids = l2e__qpdf.oh_get_key(q, node, "/Kids");
	n = l2e__qpdf.oh_is_array(q, kids)
	        ? l2e__qpdf.oh_get_array_n_items(q, kids)
	        : 0;
	for (i = 0; i < n && !p->error; i++)
		walk_tree(p, l2e__qpdf.oh_get_array_item(q, kids, i),
		          depth + 1);
}

static void walk_annots(pdf *p)
{
	qpdf_data q = p->q;
	qpdf_oh page, annots, a;
	int n_pages, i, j, n;

	n_pages = l2e__qpdf.get_num_pages(q);
	if (n_pages > MAX_PAGES) {
		limit(p, "more than 10000 pages");
		return;
	}
	for (i = 0; i < n_pages && !p->error; i++) {
		page = l2e__qpdf.get_page_n(q, (size_t)i);
		annots = l2e__qpdf.oh_get_key(q, page, "/Annots");
		n = l2e__qpdf.oh_is_array(q, annots)
		        ? l2e__qpdf.oh_get_array_n_items(q, annots)
		        : 0;
		if (n > MAX_ANNOTS) {
			limit(p, "more than 1000 annotations on a page");
			return;
		}
		for (j = 0; j < n && !p->error; j++) {
			a = l2e__qpdf.oh_get_array_item(q, annots, j);
			if (l2e__qpdf.oh_is_name_and_equals(
			        q, l2e__qpdf.oh_get_key(q, a, "/Subtype"),
			        "/FileAttachment"))
				add_filespec(p,
				             l2e__qpdf.oh_get_key(q, a, "/FS"));
		}
	}
}

/* ==== Stream bytes ==== */

/* Inflate `in` into `out`, at most `max` bytes. */
static int inflate_capped(pdf *p, l2e_buf *out, const unsigned char *in,
                          size_t len, size_t max)
{
	z_stream z;
	unsigned char chunk[16384];
	int zrc, error = 0;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return l2e__error_set(p->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = len > 0x7FFFFFFFu ? 0x7FFFFFFFu : (unsigned)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zrc = inflate(&z, Z_NO_FLUSH);
		if (zrc != Z_OK && zrc != Z_STREAM_END) {
			error = l2e__error_set_at(
			    p->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, p->file, 0,
			    0, NULL,
			    "PDF: the attached file's compressed data is "
			    "damaged");
			break;
		}
		if (out->len + (sizeof(chunk) - z.avail_out) > max) {
			error = l2e__error_set_at(
			    p->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, p->file, 0,
			    0, NULL,
			    "PDF: the attached file inflates to more than "
			    "max_input_bytes (%zu bytes); a compression bomb?",
			    max);
			break;
		}
		if (l2e__buf_put(out, (const char *)chunk,
		                 sizeof(chunk) - z.avail_out) < 0) {
			error =
			    l2e__error_set(p->ctx, L2E_ENOMEM,
			                   L2E_ERRCLASS_READ, "out of memory");
			break;
		}
	} while (zrc != Z_STREAM_END && (z.avail_in || !z.avail_out));
	if (!error && zrc != Z_STREAM_END)
		error = l2e__error_set_at(p->ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          p->file, 0, 0, NULL,
		                          "PDF: the attached file's compressed "
		                          "data ends too early");
	inflateEnd(&z);
	return error;
}

/* The decoded bytes of candidate `c`. Raw bytes come from qpdf (which
 * decrypts); the one filter, Flate, is undone here under the cap. */
static int stream_bytes(pdf *p, const candidate *c, l2e_buf *out)
{
	qpdf_data q = p->q;
	qpdf_oh dict = l2e__qpdf.oh_get_dict(q, c->stream);
	qpdf_oh filter = l2e__qpdf.oh_get_key(q, dict, "/Filter");
	qpdf_oh parms = l2e__qpdf.oh_get_key(q, dict, "/DecodeParms");
	size_t max = p->ctx->opts.max_input_bytes, len = 0;
	unsigned char *raw = NULL;
	int is_flate = 0, error = 0;

	if (l2e__qpdf.oh_is_array(q, filter) &&
	    l2e__qpdf.oh_get_array_n_items(q, filter) == 1)
		filter = l2e__qpdf.oh_get_array_item(q, filter, 0);
	if (l2e__qpdf.oh_is_name_and_equals(q, filter, "/FlateDecode"))
		is_flate = 1;
	else if (!l2e__qpdf.oh_is_null(q, filter))
		return l2e__error_set_at(
		    p->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ, p->file, 0, 0,
		    NULL,
		    "PDF: the attached '%s' is encoded in a way Europass PDFs "
		    "never are (not FlateDecode)",
		    c->name);
	if (is_flate && l2e__qpdf.oh_is_dictionary(q, parms) &&
	    l2e__qpdf.oh_has_key(q, parms, "/Predictor"))
		return l2e__error_set_at(
		    p->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ, p->file, 0, 0,
		    NULL, "PDF: the attached '%s' uses a Flate predictor",
		    c->name);
	if ((l2e__qpdf.oh_get_stream_data(q, c->stream, qpdf_dl_none, NULL,
	                                  &raw, &len) &
	     QPDF_ERRORS) ||
	    !raw) {
		error = l2e__error_set_at(p->ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          p->file, 0, 0, NULL,
		                          "PDF: the attached '%s' cannot be "
		                          "read",
		                          c->name);
		goto done;
	}
	if (len > max) {
		error = l2e__error_set_at(p->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                          p->file, 0, 0, NULL,
		                          "PDF: the attached '%s' is larger "
		                          "than max_input_bytes (%zu bytes)",
		                          c->name, max);
		goto done;
	}
	if (is_flate)
		error = inflate_capped(p, out, raw, len, max);
	else if (l2e__buf_put(out, (const char *)raw, len) < 0)
		error = l2e__error_set(p->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                       "out of memory");
done:
	free(raw); /* qpdf allocates it with malloc */
	return error;
}

/* ==== Choosing the attachment ==== */

/* The local name of the XML's root element ("" when there is none),
 * after a BOM, the declaration, PIs, comments and blanks. */
static void xml_root(const char *s, size_t len, char *root, size_t size)
{
	const char *end = s + len, *name, *colon = NULL;
	size_t n;

	*root = '\0';
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (s < end) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
		} else if (end - s >= 2 && s[0] == '<' && s[1] == '?') {
			while (s < end - 1 && !(s[0] == '?' && s[1] == '>'))
				s++;
			s += 2;
		} else if (end - s >= 4 && !memcmp(s, "<!--", 4)) {
			while (s < end - 2 && memcmp(s, "-->", 3))
				s++;
			s += 3;
		} else {
			break;
		}
	}
	if (s >= end || *s != '<')
		return;
	for (name = ++s; s < end && *s != ' ' && *s != '>' && *s != '/' &&
	                 *s != '\t' && *s != '\n' && *s != '\r';
	     s++)
		if (*s == ':')
			colon = s;
	if (colon)
		name = colon + 1;
	n = (size_t)(s - name) < size - 1 ? (size_t)(s - name) : size - 1;
	memcpy(root, name, n);
	root[n] = '\0';
}

static int is_europass_root(const char *root)
{
	return !strcmp(root, "learnerinfo") ||
	       !strcmp(root, "SkillsPassport") || !strcmp(root, "Candidate");
}

static int is_accepted(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		if (!strcmp(name, accepted[i]))
			return 1;
	return 0;
}

static int ends_with_xml(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcasecmp(name + n - 4, ".xml");
}

/* Why a PDF has no attachment, from its Producer (EWA's hints). */
static const char *producer_hint(pdf *p)
{
	qpdf_oh info =
	    l2e__qpdf.oh_get_key(p->q, l2e__qpdf.get_trailer(p->q), "/Info");
	qpdf_oh prod = l2e__qpdf.oh_get_key(p->q, info, "/Producer");
	const char *s = l2e__qpdf.oh_is_string(p->q, prod)
	                    ? l2e__qpdf.oh_get_utf8_value(p->q, prod)
	                    : "";

	if (strstr(s, "Quartz"))
		return "; it was saved or printed again on macOS (Quartz), "
		       "which drops attachments: use the PDF as the Europass "
		       "editor made it";
	if ((strstr(s, "Microsoft") || strstr(s, "microsoft")) &&
	    strstr(s, "Word"))
		return "; it was saved again by Microsoft Word, which drops "
		       "attachments: use the PDF as the Europass editor made "
		       "it";
	return "; only a Europass PDF made by the Europass editor or portal "
	       "carries its XML";
}

static void add_finding(pdf *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_finding(pdf *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__findings_vadd(p->f, L2E_SEVERITY_WARNING, NULL, 0, 0, NULL,
	                   "pdf-name", fmt, ap);
	va_end(ap);
}

#define NAME_WARNING                                                        \
	"PDF: the attached '%s' is not named as the Europass editor names " \
	"it; taken because it is a Europass document (<%s>)"

static void warn_name(pdf *p, const char *name, const char *root)
{
	if (p->f)
		add_finding(p, NAME_WARNING, name, root);
	else
		l2e__ctx_warn(p->ctx, p->file, 0, 0, NAME_WARNING, name, root);
}

static int choose(pdf *p, l2e_buf *out)
{
	char root[64];
	size_t i;
	int error;

	for (i = 0; i < p->n_found; i++) {
		if (!is_accepted(p->found[i].name))
			continue;
		if ((error = stream_bytes(p, &p->found[i], out)) < 0)
			return error;
		xml_root(out->ptr ? out->ptr : "", out->len, root,
		         sizeof(root));
		if (is_europass_root(root))
			return 0;
		return l2e__error_set_at(
		    p->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, p->file, 0, 0, NULL,
		    "PDF: the attached '%s' is not a Europass document (its "
		    "root element is <%s>)",
		    p->found[i].name, root);
	}
	for (i = 0; i < p->n_found; i++) {
		if (!ends_with_xml(p->found[i].name))
			continue;
		l2e__buf_clear(out);
		if ((error = stream_bytes(p, &p->found[i], out)) < 0)
			return error;
		xml_root(out->ptr ? out->ptr : "", out->len, root,
		         sizeof(root));
		if (is_europass_root(root)) {
			warn_name(p, p->found[i].name, root);
			return 0;
		}
	}
	l2e__buf_clear(out);
	return l2e__error_set_at(
	    p->ctx, L2E_ENOTFOUND, L2E_ERRCLASS_READ, p->file, 0, 0, NULL,
	    "PDF: no Europass XML attached%s%s",
	    p->n_found ? " (only other files)" : "", producer_hint(p));
}

/* ==== Public entry points ==== */

int l2e__pdf_extract(l2e_buf *out, l2e_ctx *ctx, const char *name,
                     const char *data, size_t len, l2e__findings *f)
{
	pdf p;
	qpdf_error e;
	qpdf_oh root;
	const char *why;
	int error = 0;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.f = f;
	p.file = name ? name : "-";
	if (len > ctx->opts.max_input_bytes)
		return l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                         p.file, 0, 0, NULL,
		                         "larger than max_input_bytes (%zu "
		                         "bytes)",
		                         ctx->opts.max_input_bytes);
	if (len < 5 || memcmp(data, "%PDF-", 5))
		return l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         p.file, 0, 0, NULL,
		                         "not a PDF (it does not begin with "
		                         "%%PDF-)");
	if (l2e__qpdf_load(&why) < 0)
		return l2e__error_set_at(ctx, L2E_ENOTSUPPORTED,
		                         L2E_ERRCLASS_READ, p.file, 0, 0, NULL,
		                         "%s", why);
	if (!(p.q = l2e__qpdf.init()))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	l2e__qpdf.silence_errors(p.q);
	l2e__qpdf.set_suppress_warnings(p.q, QPDF_TRUE);
	if (l2e__qpdf.read_memory(p.q, p.file, data, len, "") & QPDF_ERRORS) {
		e = l2e__qpdf.get_error(p.q);
		if (e && l2e__qpdf.get_error_code(p.q, e) == qpdf_e_password)
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, p.file, 0, 0,
			    NULL,
			    "PDF: the file is protected by a password; open it "
			    "with its password, save it without one, and try "
			    "again");
		else
			error = l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, p.file, 0, 0,
			    NULL, "not a readable PDF: %s",
			    e ? l2e__qpdf.get_error_message_detail(p.q, e)
			      : "unknown error");
		goto done;
	}
	root = l2e__qpdf.get_root(p.q);
	walk_tree(
	    &p,
	    l2e__qpdf.oh_get_key(p.q, l2e__qpdf.oh_get_key(p.q, root, "/Names"),
	                         "/EmbeddedFiles"),
	    0);
	if (!p.error) {
		qpdf_oh af = l2e__qpdf.oh_get_key(p.q, root, "/AF");
		int i, n = l2e__qpdf.oh_is_array(p.q, af)
		               ? l2e__qpdf.oh_get_array_n_items(p.q, af)
		               : 0;

		for (i = 0; i < n && i < MAX_CANDIDATES && !p.error; i++)
			add_filespec(&p,
			             l2e__qpdf.oh_get_array_item(p.q, af, i));
	}
	if (!p.error)
		walk_annots(&p);
	if (!p.error && l2e__qpdf.has_error(p.q)) {
		e = l2e__qpdf.get_error(p.q);
		error = l2e__error_set_at(
		    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, p.file, 0, 0, NULL,
		    "not a readable PDF: %s",
		    e ? l2e__qpdf.get_error_message_detail(p.q, e) : "damaged");
		goto done;
	}
	if ((error = p.error) < 0)
		goto done;
	error = choose(&p, out);
done:
	if (error < 0)
		l2e__buf_clear(out);
	/* an error qpdf still holds is taken, or qpdf_cleanup() prints it
	 * to stderr ("application did not handle error"); a library never
	 * prints */
	if (l2e__qpdf.has_error(p.q))
		(void)l2e__qpdf.get_error(p.q);
	while (l2e__qpdf.more_warnings(p.q))
		(void)l2e__qpdf.next_warning(p.q);
	l2e__qpdf.cleanup(&p.q);
	return error;
}

int l2e_pdf_extract_memory(l2e_buf *out, l2e_ctx *ctx, const char *name,
                           const char *data, size_t len)
{
	L2E_ASSERT_ARG(out && ctx && (data || !len));
	l2e__error_clear(ctx);
	return l2e__pdf_extract(out, ctx, name, data, len, NULL);
}

int l2e_pdf_extract_file(l2e_buf *out, l2e_ctx *ctx, const char *path)
{
	l2e_buf data = L2E_BUF_INIT;
	int error;

	L2E_ASSERT_ARG(out && ctx && path);
	l2e__error_clear(ctx);
	if ((error = l2e__file_read(&data, ctx, path, ctx->opts.max_input_bytes,
	                            "max_input_bytes")) < 0)
		return error;
	error = l2e_pdf_extract_memory(out, ctx, path, data.ptr ? data.ptr : "",
	                               data.len);
	l2e_buf_dispose(&data);
	return error;
}

int l2e__is_pdf(const char *data, size_t len)
{
	return len >= 5 && !memcmp(data, "%PDF-", 5);
}
