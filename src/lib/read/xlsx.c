/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xlsx.c - a workbook's parts around its sheets (see xlsx.h): the
 * relationships that name the parts, workbook.xml (sheet names, the
 * 1900 or 1904 date base), the shared strings and the cell styles'
 * number formats; and the tables a bundle asks for.
 */
#include "read/xlsx_int.h"

#include <string.h>

#include "util/alloc.h"

#define NS_REL \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_ST  "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define MAX_STYLES 65536 /* Excel itself stops at 64,000 */

/* One relationship of a .rels part: Id, the end of Type, the part. */
typedef struct rel {
	char *id;
	char *type; /* "officeDocument", "worksheet", "sharedStrings" ... */
	char *target;
} rel;

typedef struct rels {
	rel *v;
	size_t n;
} rels;

static void rels_free(rels *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		l2e__free(rs->v[i].id);
		l2e__free(rs->v[i].type);
		l2e__free(rs->v[i].target);
	}
	l2e__free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

static char *dup_or_null(l2e__xlsx *wb, const char *s)
{
	return l2e__pool_strdup(wb->pool, s ? s : "");
}

/*
 * A relationship's target as a part name: relative to the folder of the
 * part that has the relationships (`base`, "xl/"), or absolute from the
 * package root. Nothing may climb (the names were checked the same way).
 */
static char *resolve(const char *base, const char *target)
{
	l2e_buf b = L2E_BUF_INIT;
	int error;

	if (target[0] == '/')
		error = l2e__buf_puts(&b, target + 1);
	else if ((error = l2e__buf_puts(&b, base)) == 0)
		error = l2e__buf_puts(&b, target);
	if (error < 0) {
		l2e_buf_dispose(&b);
		return NULL;
	}
	if (b.ptr && strstr(b.ptr, "..")) {
		l2e_buf_dispose(&b);
		return l2e__strdup("..");
	}
	return b.ptr ? l2e__buf_detach(&b) : NULL;
}

static const char *type_tail(const char *type)
{
	const char *slash = type ? strrchr(type, '/') : NULL;

	return slash ? slash + 1 : type ? type : "";
}

/* Read the .rels part `part`, whose targets are relative to `base`. */
static int read_rels(rels *out, l2e__xlsx *wb, const char *part,
                     const char *base)
{
	xlsx_part p;
	rel *grown, *r;
	char *id = NULL, *type = NULL, *target = NULL;
	int got, error = 0;

	if ((error = l2e__xlsx_part_open(&p, wb, part, NULL)) < 0)
		goto done;
	while ((got = l2e__xlsx_part_next(&p)) == 1) {
		if (!l2e__xlsx_is_start(&p, "Relationship"))
			continue;
		if (out->n >= L2E__XLSX_MAX_ENTRIES) {
			error = l2e__xlsx_part_fail(&p, L2E_ELIMIT,
			                            "too many relationships");
			goto done;
		}
		id = l2e__xlsx_attr(&p, "Id");
		type = l2e__xlsx_attr(&p, "Type");
		target = l2e__xlsx_attr(&p, "Target");
		grown =
		    id && target
		        ? l2e__realloc(out->v, (out->n + 1) * sizeof(*out->v))
		        : out->v;
		if (id && target && grown) {
			/* counted at once, so rels_free() frees what is made */
			r = &grown[out->n++];
			out->v = grown;
			r->id = l2e__strdup(id);
			r->type = l2e__strdup(type_tail(type));
			r->target = resolve(base, target);
			if (!r->id || !r->type || !r->target)
				grown = NULL;
		}
		if (!grown && id && target)
			error = l2e__xlsx_part_fail(&p, L2E_ENOMEM,
			                            "out of memory");
		xmlFree(id);
		xmlFree(type);
		xmlFree(target);
		id = type = target = NULL;
		if (error < 0)
			goto done;
	}
	error = got < 0 ? got : 0;
done:
	l2e__xlsx_part_close(&p);
	return error;
}

static const rel *rel_find(const rels *rs, const char *id, const char *type)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if ((!id || !strcmp(rs->v[i].id, id)) &&
		    (!type || !strcmp(rs->v[i].type, type)))
			return &rs->v[i];
	return NULL;
}

/* ==== workbook.xml ==== */

static char *sheet_rel_id(xlsx_part *p)
{
	char *id = (char *)xmlTextReaderGetAttributeNs(
	    p->r, (const xmlChar *)"id", (const xmlChar *)NS_REL);

	if (!id)
		id = (char *)xmlTextReaderGetAttributeNs(
		    p->r, (const xmlChar *)"id", (const xmlChar *)NS_REL_ST);
	return id;
}

static int add_sheet(l2e__xlsx *wb, xlsx_part *p, const rels *rs)
{
	char *name = l2e__xlsx_attr(p, "name"), *id = sheet_rel_id(p);
	const rel *target = id ? rel_find(rs, id, NULL) : NULL;
	xlsx_sheet *grown;
	int error = 0;

	if (!name || !target) {
		error = l2e__xlsx_part_fail(p, L2E_EPARSE,
		                            "a sheet without a name or part");
		goto done;
	}
	if (!strcmp(target->target, "..")) {
		error = l2e__xlsx_part_fail(p, L2E_EPARSE,
		                            "sheet \"%s\" points outside the "
		                            "workbook",
		                            name);
		goto done;
	}
	if (wb->n_sheets >= L2E__XLSX_MAX_ENTRIES ||
	    !(grown = l2e__realloc(wb->sheets,
	                           (wb->n_sheets + 1) * sizeof(*grown)))) {
		error = l2e__xlsx_part_fail(p, L2E_ENOMEM, "out of memory");
		goto done;
	}
	wb->sheets = grown;
	grown[wb->n_sheets].name = dup_or_null(wb, name);
	grown[wb->n_sheets].part = dup_or_null(wb, target->target);
	if (!grown[wb->n_sheets].name || !grown[wb->n_sheets++].part)
		error = l2e__xlsx_part_fail(p, L2E_ENOMEM, "out of memory");
done:
	xmlFree(name);
	xmlFree(id);
	return error;
}

static int read_workbook(l2e__xlsx *wb, const char *part, const rels *rs)
{
	xlsx_part p;
	char *v;
	int got, error = 0;

	if ((error = l2e__xlsx_part_open(&p, wb, part, NULL)) < 0)
		goto done;
	while ((got = l2e__xlsx_part_next(&p)) == 1) {
		if (l2e__xlsx_is_start(&p, "workbookPr")) {
			v = l2e__xlsx_attr(&p, "date1904");
			wb->is_1904 =
			    v && (!strcmp(v, "1") || !strcmp(v, "true"));
			xmlFree(v);
		} else if (l2e__xlsx_is_start(&p, "sheet") &&
		           (error = add_sheet(wb, &p, rs)) < 0) {
			goto done;
		}
	}
	error = got < 0 ? got : 0;
	if (!error && !wb->n_sheets)
		error = l2e__xlsx_part_fail(&p, L2E_EPARSE,
		                            "the workbook has no sheets");
done:
	l2e__xlsx_part_close(&p);
	return error;
}

/* ==== sharedStrings.xml ==== */

static int add_string(l2e__xlsx *wb, xlsx_part *p, const l2e_buf *s,
                      size_t *cap, size_t *total)
{
	const char **texts;
	size_t *lens;

	*total += s->len;
	if (wb->n_sst >= wb->ctx->opts.max_rows)
		return l2e__xlsx_part_fail(p, L2E_ELIMIT,
		                           "more than %zu shared strings "
		                           "(max_rows)",
		                           wb->ctx->opts.max_rows);
	if (*total > wb->ctx->opts.max_input_bytes)
		return l2e__xlsx_part_fail(p, L2E_ELIMIT,
		                           "the shared strings hold more than "
		                           "max_input_bytes (%zu bytes)",
		                           wb->ctx->opts.max_input_bytes);
	if (wb->n_sst == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		texts = l2e__realloc((void *)wb->sst, *cap * sizeof(*texts));
		if (texts)
			wb->sst = texts;
		lens = l2e__realloc(wb->sst_len, *cap * sizeof(*lens));
		if (lens)
			wb->sst_len = lens;
		if (!texts || !lens)
			return l2e__xlsx_part_fail(p, L2E_ENOMEM,
			                           "out of memory");
	}
	wb->sst[wb->n_sst] =
	    l2e__pool_strndup(wb->pool, s->ptr ? s->ptr : "", s->len);
	wb->sst_len[wb->n_sst] = s->len;
	if (!wb->sst[wb->n_sst++])
		return l2e__xlsx_part_fail(p, L2E_ENOMEM, "out of memory");
	return 0;
}

static int read_shared_strings(l2e__xlsx *wb, const char *part)
{
	xlsx_part p;
	l2e_buf s = L2E_BUF_INIT;
	size_t cap = 0, total = 0;
	int got, error = 0;

	if ((error = l2e__xlsx_part_open(&p, wb, part, NULL)) < 0)
		goto done;
	while ((got = l2e__xlsx_part_next(&p)) == 1) {
		if (!l2e__xlsx_is_start(&p, "si"))
			continue;
		l2e__buf_clear(&s);
		if ((error = l2e__xlsx_rich_text(&p, &s)) < 0 ||
		    (error = add_string(wb, &p, &s, &cap, &total)) < 0)
			goto done;
	}
	error = got < 0 ? got : 0;
done:
	l2e_buf_dispose(&s);
	l2e__xlsx_part_close(&p);
	return error;
}

/* ==== styles.xml: which cells hold dates, text or padded numbers ==== */

/* What number format `code` shows; XLSX_PAD sets *width. */
static xlsx_numfmt classify(const char *code, unsigned char *width)
{
	int has_date = 0, has_time = 0, has_month = 0, n_zero = 0, other = 0;
	const char *s = code;

	if (!strcmp(code, "@"))
		return XLSX_TEXT;
	for (; *s && *s != ';'; s++) {
		switch (*s) {
		case '"': /* a literal */
			while (s[1] && s[1] != '"')
				s++;
			if (s[1])
				s++;
			other = 1;
			break;
		case '\\':
			if (s[1])
				s++;
			other = 1;
			break;
		case '[': /* colour, locale, condition, elapsed time */
			while (s[1] && s[1] != ']')
				s++;
			if (s[1])
				s++;
			other = 1;
			break;
		case 'd':
		case 'D':
		case 'y':
		case 'Y': has_date = 1; break;
		case 'm':
		case 'M': has_month = 1; break;
		case 'h':
		case 'H':
		case 's':
		case 'S': has_time = 1; break;
		case '0': n_zero++; break;
		default: other = 1;
		}
	}
	if (has_date || (has_month && !has_time))
		return has_time ? XLSX_DATETIME : XLSX_DATE;
	if (has_time)
		return XLSX_TIME;
	if (!other && n_zero >= 2 && n_zero <= 30) {
		*width = (unsigned char)n_zero;
		return XLSX_PAD;
	}
	return XLSX_NUMBER;
}

/* The built-in formats (ECMA-376 18.8.30) that show a date or time. */
static xlsx_numfmt builtin(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return XLSX_DATE;
	if (id == 22)
		return XLSX_DATETIME;
	if ((id >= 18 && id <= 21) || id == 32 || id == 33 ||
	    (id >= 45 && id <= 47))
		return XLSX_TIME;
	return id == 49 ? XLSX_TEXT : XLSX_NUMBER;
}

typedef struct numfmt {
	long id;
	xlsx_style style;
} numfmt;

static long attr_long(xlsx_part *p, const char *name, long dflt)
{
	char *v = l2e__xlsx_attr(p, name), *end = NULL;
	long n = dflt;

	if (v) {
		n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 1000000)
			n = dflt;
	}
	xmlFree(v);
	return n;
}

static xlsx_style style_of(const numfmt *fmts, size_t n_fmts, long id)
{
	xlsx_style st = { 0, 0 };
	size_t i;

	for (i = n_fmts; i-- > 0;)
		if (fmts[i].id == id)
			return fmts[i].style;
	st.kind = (unsigned char)builtin(id);
	return st;
}

static int read_styles(l2e__xlsx *wb, const char *part)
{
	xlsx_part p;
	numfmt *fmts = NULL, *gf;
	xlsx_style *gx;
	size_t n_fmts = 0;
	char *code;
	int got, error = 0, xfs_depth = -1;

	if ((error = l2e__xlsx_part_open(&p, wb, part, NULL)) < 0)
		goto done;
	while ((got = l2e__xlsx_part_next(&p)) == 1) {
		if (xfs_depth >= 0 && l2e__xlsx_is_end_at(&p, xfs_depth)) {
			xfs_depth = -1;
		} else if (l2e__xlsx_is_start(&p, "cellXfs")) {
			if (!xmlTextReaderIsEmptyElement(p.r))
				xfs_depth = xmlTextReaderDepth(p.r);
		} else if (l2e__xlsx_is_start(&p, "numFmt")) {
			if (n_fmts >= MAX_STYLES) {
				error = l2e__xlsx_part_fail(
				    &p, L2E_ELIMIT, "too many number formats");
				goto done;
			}
			if (!(gf = l2e__realloc(fmts,
			                        (n_fmts + 1) * sizeof(*gf)))) {
				error = l2e__xlsx_part_fail(&p, L2E_ENOMEM,
				                            "out of memory");
				goto done;
			}
			fmts = gf;
			code = l2e__xlsx_attr(&p, "formatCode");
			fmts[n_fmts].id = attr_long(&p, "numFmtId", -1);
			fmts[n_fmts].style.width = 0;
			fmts[n_fmts].style.kind = (unsigned char)classify(
			    code ? code : "", &fmts[n_fmts].style.width);
			n_fmts++;
			xmlFree(code);
		} else if (xfs_depth >= 0 && l2e__xlsx_is_start(&p, "xf")) {
			if (wb->n_xf >= MAX_STYLES) {
				error = l2e__xlsx_part_fail(
				    &p, L2E_ELIMIT, "too many cell styles");
				goto done;
			}
			if (!(gx = l2e__realloc(wb->xf, (wb->n_xf + 1) *
			                                    sizeof(*gx)))) {
				error = l2e__xlsx_part_fail(&p, L2E_ENOMEM,
				                            "out of memory");
				goto done;
			}
			wb->xf = gx;
			gx[wb->n_xf++] = style_of(fmts, n_fmts,
			                          attr_long(&p, "numFmtId", 0));
		}
	}
	error = got < 0 ? got : 0;
done:
	l2e__free(fmts);
	l2e__xlsx_part_close(&p);
	return error;
}

/* ==== The tables of a bundle ==== */

static int ascii_casecmp(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;

		if (x != y)
			return 1;
	}
	return *a != *b;
}

static long find_sheet(const l2e__xlsx *wb, const char *name)
{
	size_t i;

	for (i = 0; i < wb->n_sheets; i++)
		if (!strcmp(wb->sheets[i].name, name))
			return (long)i;
	for (i = 0; i < wb->n_sheets; i++)
		if (!ascii_casecmp(wb->sheets[i].name, name))
			return (long)i;
	return -1;
}

static int missing_sheet(l2e__xlsx *wb, const char *name)
{
	l2e_buf list = L2E_BUF_INIT;
	size_t i;
	int error;

	for (i = 0; i < wb->n_sheets && i < 20; i++)
		l2e__buf_printf(&list, "%s\"%s\"", i ? ", " : "",
		                wb->sheets[i].name);
	error = l2e__error_set_at(
	    wb->ctx, L2E_ENOTFOUND, L2E_ERRCLASS_READ, wb->name, 0, 0, NULL,
	    "has no sheet \"%s\" (a table of the mapping); its sheets are "
	    "%s%s: rename the sheet, or give the table a \"sheet\"",
	    name, list.ptr ? list.ptr : "", wb->n_sheets > 20 ? ", ..." : "");
	l2e_buf_dispose(&list);
	return error;
}

/* The officeDocument part (xl/workbook.xml) and the folder it is in. */
static int find_workbook(l2e__xlsx *wb, char **part, char **base)
{
	rels root = { NULL, 0 };
	const rel *doc = NULL;
	const char *slash;
	int error = 0;

	if (l2e__xlsx_has_part(wb, "_rels/.rels") &&
	    (error = read_rels(&root, wb, "_rels/.rels", "")) < 0)
		goto done;
	doc = rel_find(&root, NULL, "officeDocument");
	*part = l2e__strdup(doc ? doc->target : "xl/workbook.xml");
	if (!*part)
		goto oom;
	if (!strcmp(*part, "..") || !l2e__xlsx_has_part(wb, *part)) {
		error =
		    l2e__error_set_at(wb->ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                      wb->name, 0, 0, NULL,
		                      "is a ZIP file but no Excel workbook "
		                      "(no xl/workbook.xml)");
		goto done;
	}
	slash = strrchr(*part, '/');
	*base = l2e__strdup(*part);
	if (!*base)
		goto oom;
	(*base)[slash ? (size_t)(slash - *part) + 1 : 0] = '\0';
	goto done;
oom:
	error = l2e__error_set(wb->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
	                       "out of memory");
done:
	rels_free(&root);
	return error;
}

/* The workbook's sheets, shared strings and styles. */
static int read_parts(l2e__xlsx *wb)
{
	rels rs = { NULL, 0 };
	const rel *r;
	char *part = NULL, *base = NULL;
	l2e_buf rels_part = L2E_BUF_INIT;
	int error;

	if ((error = find_workbook(wb, &part, &base)) < 0)
		goto done;
	if (l2e__buf_printf(&rels_part, "%s_rels/%s.rels", base,
	                    part + strlen(base)) < 0) {
		error = l2e__error_set(wb->ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                       "out of memory");
		goto done;
	}
	if (l2e__xlsx_has_part(wb, rels_part.ptr) &&
	    (error = read_rels(&rs, wb, rels_part.ptr, base)) < 0)
		goto done;
	if ((error = read_workbook(wb, part, &rs)) < 0)
		goto done;
	r = rel_find(&rs, NULL, "sharedStrings");
	if (r && strcmp(r->target, "..") && l2e__xlsx_has_part(wb, r->target) &&
	    (error = read_shared_strings(wb, r->target)) < 0)
		goto done;
	r = rel_find(&rs, NULL, "styles");
	if (r && strcmp(r->target, "..") && l2e__xlsx_has_part(wb, r->target))
		error = read_styles(wb, r->target);
done:
	l2e_buf_dispose(&rels_part);
	l2e__free(part);
	l2e__free(base);
	rels_free(&rs);
	return error;
}

int l2e__xlsx_read_tables(l2e__node **tables, l2e__pool *pool, l2e_ctx *ctx,
                          const char *name, const char *data, size_t len,
                          const char *const *sheets, size_t n, int use_first)
{
	l2e__xlsx wb;
	size_t i;
	long at;
	int error;

	memset(&wb, 0, sizeof(wb));
	wb.ctx = ctx;
	wb.pool = pool;
	wb.name = name;
	wb.max_unpacked = (unsigned long long)ctx->opts.max_input_bytes *
	                  L2E__XLSX_UNPACK_FACTOR;
	for (i = 0; i < n; i++)
		tables[i] = NULL;
	if ((error = l2e__xlsx_zip_open(&wb, data, len)) < 0 ||
	    (error = read_parts(&wb)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		at = find_sheet(&wb, sheets[i]);
		if (at < 0 && use_first)
			at = 0;
		if (at < 0) {
			error = missing_sheet(&wb, sheets[i]);
			goto done;
		}
		if ((error = l2e__xlsx_sheet_table(&tables[i], &wb,
		                                   (size_t)at)) < 0)
			goto done;
	}
done:
	l2e__xlsx_zip_close(&wb);
	l2e__free(wb.sheets);
	l2e__free((void *)wb.sst);
	l2e__free(wb.sst_len);
	l2e__free(wb.xf);
	return error;
}
