/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xlsx_zip.c - a workbook's ZIP container and its XML parts, read with
 * limits (see xlsx.h).
 *
 * Every entry is checked before any is read: a bounded count, a plain
 * relative name, no encryption, a compression method Excel writes. A
 * part is then unpacked by libzip while libxml2's streaming reader pulls
 * on it, so a sheet never sits in memory whole; every chunk is counted
 * as it comes (the sizes in the ZIP headers are the attacker's word) and
 * scanned for DOCTYPE and ENTITY declarations before libxml2 sees it.
 */
#include "read/xlsx_int.h"

#include <stdarg.h>
#include <string.h>

static const char ole_magic[8] = { '\xD0', '\xCF', '\x11', '\xE0',
	                           '\xA1', '\xB1', '\x1A', '\xE1' };

int l2e__xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

int l2e__xlsx_is_ole(const char *data, size_t len)
{
	return len >= 8 && !memcmp(data, ole_magic, 8);
}

static int wb_fail(l2e__xlsx *wb, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int wb_fail(l2e__xlsx *wb, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__error_vset_at(wb->ctx, code, L2E_ERRCLASS_READ, wb->name, 0, 0,
	                   NULL, fmt, ap);
	va_end(ap);
	return code;
}

/*
 * Nothing is ever written to disk, but a name that could climb out of a
 * folder ("../x", "/etc/x", "C:x", "a\..\x") marks a file made to harm
 * whoever unpacks it: refused, so that no tool after us is tempted.
 */
static int name_is_plain(const char *s)
{
	const char *seg = s;

	if (!*s || *s == '/')
		return 0;
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7F || *s == '\\' ||
		    *s == ':')
			return 0;
		if (*s == '/')
			seg = s + 1;
		else if (s == seg && s[0] == '.' && s[1] == '.' &&
		         (s[2] == '/' || !s[2]))
			return 0;
	}
	return 1;
}

static int check_entry(l2e__xlsx *wb, zip_uint64_t i)
{
	const char *name = zip_get_name(wb->za, i, ZIP_FL_ENC_RAW);
	zip_stat_t st;

	if (!name)
		return wb_fail(wb, L2E_EPARSE, "ZIP entry %llu has no name",
		               (unsigned long long)i);
	if (!name_is_plain(name))
		return wb_fail(wb, L2E_EPARSE,
		               "ZIP entry \"%s\" is not a plain relative name "
		               "(an absolute path, \"..\", '\\' or ':'); this "
		               "is no workbook Excel wrote",
		               name);
	if (zip_name_locate(wb->za, name, ZIP_FL_ENC_RAW) != (zip_int64_t)i)
		return wb_fail(wb, L2E_EPARSE, "two ZIP entries named \"%s\"",
		               name);
	zip_stat_init(&st);
	if (zip_stat_index(wb->za, i, ZIP_FL_ENC_RAW, &st) < 0)
		return wb_fail(wb, L2E_EPARSE, "ZIP entry \"%s\": %s", name,
		               zip_strerror(wb->za));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return wb_fail(wb, L2E_EPARSE,
		               "part \"%s\" is encrypted; save the workbook "
		               "without a password",
		               name);
	if ((st.valid & ZIP_STAT_COMP_METHOD) &&
	    st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
		return wb_fail(wb, L2E_EPARSE,
		               "part \"%s\" is compressed with a method Excel "
		               "does not use (%d)",
		               name, (int)st.comp_method);
	return 0;
}

int l2e__xlsx_zip_open(l2e__xlsx *wb, const char *data, size_t len)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_int64_t n, i;
	int error;

	if (l2e__xlsx_is_ole(data, len))
		return wb_fail(wb, L2E_EPARSE,
		               "is a password-protected workbook or an old "
		               "Excel file (.xls); save it in Excel as "
		               "\"Excel-werkmap (.xlsx)\" without a password");
	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
	if (src && !(wb->za = zip_open_from_source(
	                 src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)))
		zip_source_free(src);
	if (!wb->za) {
		error = wb_fail(wb, L2E_EPARSE,
		                "is not a readable ZIP file, so no .xlsx "
		                "workbook (%s)",
		                zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return error;
	}
	zip_error_fini(&ze);
	n = zip_get_num_entries(wb->za, 0);
	if (n < 0 || n > L2E__XLSX_MAX_ENTRIES)
		return wb_fail(wb, L2E_ELIMIT,
		               "has more than %d ZIP entries; a workbook has "
		               "far fewer",
		               L2E__XLSX_MAX_ENTRIES);
	for (i = 0; i < n; i++)
		if ((error = check_entry(wb, (zip_uint64_t)i)) < 0)
			return error;
	return 0;
}

void l2e__xlsx_zip_close(l2e__xlsx *wb)
{
	if (wb->za)
		zip_discard(wb->za);
	wb->za = NULL;
}

int l2e__xlsx_has_part(const l2e__xlsx *wb, const char *part)
{
	return zip_name_locate(wb->za, part, ZIP_FL_NOCASE) >= 0;
}

/* ==== One part, unpacked while libxml2 reads it ==== */

static int part_fail_plain(xlsx_part *p, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int part_fail_plain(xlsx_part *p, int code, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	p->error = l2e__error_set_at(p->wb->ctx, code, L2E_ERRCLASS_READ,
	                             p->wb->name, 0, 0, NULL, "%s: %s",
	                             p->label, msg.ptr ? msg.ptr : "");
	l2e_buf_dispose(&msg);
	return p->error;
}

/* A DOCTYPE or ENTITY declaration in `s`? */
static int has_banned(const char *s, size_t n)
{
	static const char *const banned[] = { "<!DOCTYPE", "<!ENTITY" };
	const char *q;
	size_t i, k;

	for (q = s; (q = memchr(q, '<', n - (size_t)(q - s))); q++)
		for (k = 0; k < 2; k++) {
			i = strlen(banned[k]);
			if ((size_t)(q - s) + i <= n &&
			    !memcmp(q, banned[k], i))
				return 1;
		}
	return 0;
}

/* The last bytes of the previous chunk and the first of this one. */
static int seam_has_banned(xlsx_part *p, const char *buf, size_t n)
{
	char seam[32];
	size_t k = n < 16 ? n : 16;

	memcpy(seam, p->carry, p->n_carry);
	memcpy(seam + p->n_carry, buf, k);
	return has_banned(seam, p->n_carry + k);
}

static void keep_carry(xlsx_part *p, const char *buf, size_t n)
{
	char seam[32];
	size_t keep = sizeof(p->carry) - 1, total;

	memcpy(seam, p->carry, p->n_carry);
	total = p->n_carry;
	if (n >= keep) {
		memcpy(p->carry, buf + n - keep, keep);
		p->n_carry = keep;
		return;
	}
	memcpy(seam + total, buf, n);
	total += n;
	if (total > keep) {
		memmove(seam, seam + total - keep, keep);
		total = keep;
	}
	memcpy(p->carry, seam, total);
	p->n_carry = total;
}

static int part_read(void *payload, char *buf, int len)
{
	xlsx_part *p = payload;
	l2e__xlsx *wb = p->wb;
	zip_int64_t got;

	if (p->error || len <= 0)
		return p->error ? -1 : 0;
	got = zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (got < 0) {
		part_fail_plain(p, L2E_EPARSE, "the part is damaged (%s)",
		                zip_file_strerror(p->zf));
		return -1;
	}
	p->out += (unsigned long long)got;
	wb->unpacked += (unsigned long long)got;
	if (wb->unpacked > wb->max_unpacked) {
		part_fail_plain(p, L2E_ELIMIT,
		                "the workbook unpacks to more than %d times "
		                "max_input_bytes (%llu bytes); a zip bomb?",
		                L2E__XLSX_UNPACK_FACTOR, wb->max_unpacked);
		return -1;
	}
	if (p->out > L2E__XLSX_RATIO_GRACE &&
	    p->out / L2E__XLSX_MAX_RATIO > p->comp) {
		part_fail_plain(p, L2E_ELIMIT,
		                "unpacks to more than %d times its packed "
		                "size (%llu bytes); a zip bomb?",
		                L2E__XLSX_MAX_RATIO, p->comp);
		return -1;
	}
	if (got && (seam_has_banned(p, buf, (size_t)got) ||
	            has_banned(buf, (size_t)got))) {
		part_fail_plain(p, L2E_EPARSE,
		                "a DOCTYPE or entity declaration is not "
		                "accepted in a workbook");
		return -1;
	}
	keep_carry(p, buf, (size_t)got);
	return (int)got;
}

static int part_close_cb(void *payload)
{
	(void)payload; /* the part closes its own file */
	return 0;
}

static void part_error_cb(void *payload, xmlErrorPtr e)
{
	xlsx_part *p = payload;
	size_t n;

	if (!e || p->xml_msg[0] || e->level < XML_ERR_ERROR)
		return;
	snprintf(p->xml_msg, sizeof(p->xml_msg), "%s",
	         e->message ? e->message : "XML error");
	n = strlen(p->xml_msg);
	while (n && (p->xml_msg[n - 1] == '\n' || p->xml_msg[n - 1] == ' '))
		p->xml_msg[--n] = '\0';
	p->xml_line = e->line;
}

int l2e__xlsx_part_open(xlsx_part *p, l2e__xlsx *wb, const char *part,
                        const char *label)
{
	zip_int64_t idx;
	zip_stat_t st;

	memset(p, 0, sizeof(*p));
	p->wb = wb;
	p->part = part;
	p->label = label ? label : part;
	idx = zip_name_locate(wb->za, part, ZIP_FL_NOCASE);
	zip_stat_init(&st);
	if (idx < 0 || zip_stat_index(wb->za, (zip_uint64_t)idx, 0, &st) < 0)
		return part_fail_plain(p, L2E_EPARSE, "part \"%s\" is missing",
		                       part);
	p->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	if (!(p->zf = zip_fopen_index(wb->za, (zip_uint64_t)idx, 0)))
		return part_fail_plain(p, L2E_EPARSE, "cannot unpack: %s",
		                       zip_strerror(wb->za));
	/* no DTD loading, no entity substitution, no network */
	p->r = xmlReaderForIO(part_read, part_close_cb, p, part, NULL,
	                      XML_PARSE_NONET | XML_PARSE_NOERROR |
	                          XML_PARSE_NOWARNING);
	if (!p->r)
		return part_fail_plain(p, L2E_ENOMEM, "out of memory");
	xmlTextReaderSetStructuredErrorHandler(p->r, part_error_cb, p);
	return 0;
}

int l2e__xlsx_part_fail(xlsx_part *p, int code, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	va_list ap;
	int line = p->r ? xmlTextReaderGetParserLineNumber(p->r) : 0;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	p->error = l2e__error_set_at(p->wb->ctx, code, L2E_ERRCLASS_READ,
	                             p->wb->name, 0, 0, NULL, "%s, line %d: %s",
	                             p->label, line, msg.ptr ? msg.ptr : "");
	l2e_buf_dispose(&msg);
	return p->error;
}

int l2e__xlsx_part_next(xlsx_part *p)
{
	int got;

	if (p->error)
		return p->error;
	got = xmlTextReaderRead(p->r);
	if (p->error) /* the unpacking said why */
		return p->error;
	if (got < 0) {
		p->error = l2e__error_set_at(
		    p->wb->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, p->wb->name, 0,
		    0, NULL, "%s, line %d: bad XML (%s)", p->label, p->xml_line,
		    p->xml_msg[0] ? p->xml_msg : "unreadable");
		return p->error;
	}
	if (got == 1 &&
	    (size_t)xmlTextReaderDepth(p->r) > p->wb->ctx->opts.max_depth)
		return l2e__xlsx_part_fail(p, L2E_ELIMIT,
		                           "nested deeper than max_depth (%zu)",
		                           p->wb->ctx->opts.max_depth);
	return got;
}

void l2e__xlsx_part_close(xlsx_part *p)
{
	if (p->r)
		xmlFreeTextReader(p->r);
	if (p->zf)
		zip_fclose(p->zf);
	p->r = NULL;
	p->zf = NULL;
}

char *l2e__xlsx_attr(xlsx_part *p, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(p->r, (const xmlChar *)name);
}

int l2e__xlsx_is_start(xlsx_part *p, const char *name)
{
	const xmlChar *local;

	if (xmlTextReaderNodeType(p->r) != XML_READER_TYPE_ELEMENT)
		return 0;
	local = xmlTextReaderConstLocalName(p->r);
	return local && !strcmp((const char *)local, name);
}

int l2e__xlsx_is_end_at(xlsx_part *p, int depth)
{
	return xmlTextReaderDepth(p->r) == depth &&
	       (xmlTextReaderNodeType(p->r) == XML_READER_TYPE_END_ELEMENT ||
	        (xmlTextReaderNodeType(p->r) == XML_READER_TYPE_ELEMENT &&
	         xmlTextReaderIsEmptyElement(p->r)));
}

/* _xHHHH_ is how OOXML writes a character XML cannot hold (ST_Xstring). */
static size_t unescape(const char *s, size_t n, unsigned *cp)
{
	unsigned v = 0;
	size_t i;

	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return 0;
	for (i = 2; i < 6; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*cp = v;
	return 7;
}

/* A code point below U+D800 as UTF-8; its length. */
static size_t utf8_encode(char *u, unsigned cp)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	u[0] = (char)(0xE0 | (cp >> 12));
	u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static int put_text(xlsx_part *p, l2e_buf *out, const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned cp;
	char u[4];
	int error = 0;

	while (i < n && !error) {
		if ((k = unescape(s + i, n - i, &cp)) && cp < 0xD800) {
			error = l2e__buf_put(out, u, utf8_encode(u, cp));
			i += k;
		} else {
			error = l2e__buf_putc(out, s[i++]);
		}
	}
	if (error < 0)
		return l2e__xlsx_part_fail(p, L2E_ENOMEM, "out of memory");
	return 0;
}

int l2e__xlsx_part_text(xlsx_part *p, l2e_buf *out)
{
	int depth = xmlTextReaderDepth(p->r), got, type, error;
	const char *v;
	size_t max = p->wb->ctx->opts.max_string_bytes;

	if (xmlTextReaderIsEmptyElement(p->r))
		return 0;
	while ((got = l2e__xlsx_part_next(p)) == 1) {
		type = xmlTextReaderNodeType(p->r);
		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(p->r) == depth)
			return 0;
		if (type != XML_READER_TYPE_TEXT &&
		    type != XML_READER_TYPE_CDATA &&
		    type != XML_READER_TYPE_WHITESPACE &&
		    type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			continue;
		v = (const char *)xmlTextReaderConstValue(p->r);
		if (v && (error = put_text(p, out, v, strlen(v))) < 0)
			return error;
		if (out->len > max)
			return l2e__xlsx_part_fail(
			    p, L2E_ELIMIT,
			    "a text is longer than max_string_bytes (%zu "
			    "bytes)",
			    max);
	}
	return got < 0
	           ? got
	           : l2e__xlsx_part_fail(p, L2E_EPARSE, "the XML ends early");
}

/* Shared strings (xlsx.c) and inline strings (xlsx_sheet.c) alike. */
int l2e__xlsx_rich_text(xlsx_part *p, l2e_buf *out)
{
	int depth = xmlTextReaderDepth(p->r), got, rph_depth = -1, error;

	if (xmlTextReaderIsEmptyElement(p->r))
		return 0;
	while ((got = l2e__xlsx_part_next(p)) == 1) {
		if (l2e__xlsx_is_end_at(p, depth))
			return 0;
		if (rph_depth >= 0) {
			if (l2e__xlsx_is_end_at(p, rph_depth))
				rph_depth = -1;
			continue;
		}
		if (l2e__xlsx_is_start(p, "rPh") &&
		    !xmlTextReaderIsEmptyElement(p->r))
			rph_depth = xmlTextReaderDepth(p->r);
		else if (l2e__xlsx_is_start(p, "t") &&
		         (error = l2e__xlsx_part_text(p, out)) < 0)
			return error;
	}
	return got < 0
	           ? got
	           : l2e__xlsx_part_fail(p, L2E_EPARSE, "the XML ends early");
}
