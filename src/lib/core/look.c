/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * look.c - what the first bytes of a file look like (see look.h).
 */
#include "core/look.h"

#include <string.h>

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static int has(const unsigned char *data, size_t len, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (!memcmp(data + i, s, n))
			return 1;
	return 0;
}

/* Control characters other than white space: a sign of binary data. */
static int looks_binary(const unsigned char *p, size_t len)
{
	size_t i, odd = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == 0)
			return 1;
		if (p[i] < 0x20 && !is_space(p[i]))
			odd++;
	}
	return odd * 20 > len; /* more than 5 % */
}

l2e__look l2e__sniff(const unsigned char *p, size_t len)
{
	size_t i = 0;

	if (len >= 4 && !memcmp(p, "PK\003\004", 4))
		/* a writer may put docProps/ or a theme before xl/; the
		 * content types alone do not tell a workbook from a
		 * document, so they count when nothing says otherwise */
		return has(p, len, "xl/") ||
		               (has(p, len, "[Content_Types].xml") &&
		                !has(p, len, "word/") && !has(p, len, "ppt/"))
		           ? L2E__LOOK_XLSX
		           : L2E__LOOK_ZIP;
	if (len >= 4 && !memcmp(p, "PK\005\006", 4))
		return L2E__LOOK_ZIP; /* an empty archive */
	if (len >= 5 && !memcmp(p, "%PDF-", 5))
		return L2E__LOOK_PDF;
	if (len >= 4 && !memcmp(p, "\xd0\xcf\x11\xe0", 4))
		return L2E__LOOK_XLS;
	if (len >= 2 &&
	    (!memcmp(p, "\xff\xfe", 2) || !memcmp(p, "\xfe\xff", 2)))
		return L2E__LOOK_UTF16;
	if (len >= 2 && !memcmp(p, "\x1f\x8b", 2))
		return L2E__LOOK_GZIP;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		i = 3; /* a UTF-8 byte order mark */
	while (i < len && is_space(p[i]))
		i++;
	if (i == len)
		return L2E__LOOK_EMPTY;
	/* UTF-16 without a mark: every other byte is zero */
	if (len - i >= 4 && ((!p[i] && p[i + 1] && !p[i + 2]) ||
	                     (p[i] && !p[i + 1] && p[i + 2] && !p[i + 3])))
		return L2E__LOOK_UTF16;
	/* JSON or XML, even with a broken byte further on: its reader
	 * says where (line and column), which says more than "binary" */
	if (p[i] == '<')
		return L2E__LOOK_XML;
	if (p[i] == '{' || p[i] == '[')
		return L2E__LOOK_JSON;
	if (looks_binary(p + i, len - i))
		return L2E__LOOK_BINARY;
	return L2E__LOOK_TEXT;
}

const char *l2e__look_label(l2e__look look)
{
	switch (look) {
	case L2E__LOOK_EMPTY: return "is empty";
	case L2E__LOOK_TEXT: return "looks like CSV text";
	case L2E__LOOK_JSON: return "looks like JSON";
	case L2E__LOOK_XML: return "looks like XML";
	case L2E__LOOK_PDF: return "is a PDF document";
	case L2E__LOOK_ZIP: return "is a ZIP archive";
	case L2E__LOOK_XLSX: return "is an Excel workbook";
	case L2E__LOOK_XLS:
		return "is an old (.xls) or password-protected Excel workbook";
	case L2E__LOOK_UTF16: return "is UTF-16 text";
	case L2E__LOOK_GZIP: return "compressed (gzip) input is not read";
	default: return "is binary data";
	}
}
