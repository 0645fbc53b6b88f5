/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * encoding.c - UTF-8 and Windows-1252 input (see encoding.h).
 */
#include "encoding.h"

#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

/* Windows-1252 0x80..0x9F; 0 where the code page defines nothing. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178
};

static int put_codepoint(l2e_buf *out, unsigned cp)
{
	char b[3];

	if (cp < 0x80) {
		b[0] = (char)cp;
		return l2e__buf_put(out, b, 1);
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return l2e__buf_put(out, b, 2);
	}
	b[0] = (char)(0xE0 | (cp >> 12));
	b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[2] = (char)(0x80 | (cp & 0x3F));
	return l2e__buf_put(out, b, 3);
}

static int from_cp1252(l2e_buf *out, const unsigned char *s, size_t len)
{
	size_t i, start = 0;
	unsigned cp;
	int error = l2e__buf_grow(out, len + len / 2);

	for (i = 0; i < len && !error; i++) {
		if (s[i] < 0x80)
			continue;
		error = l2e__buf_put(out, (const char *)s + start, i - start);
		cp = s[i] < 0xA0 ? cp1252_high[s[i] - 0x80] : s[i];
		if (!error)
			error = put_codepoint(out, cp ? cp : 0xFFFD);
		start = i + 1;
	}
	if (!error)
		error = l2e__buf_put(out, (const char *)s + start, len - start);
	return error;
}

int l2e__to_utf8(l2e_buf *out, const char *data, size_t len,
                 const char *declared, const char **used, size_t *bad_at)
{
	int has_bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	int is_utf8;

	if (has_bom) {
		data += 3;
		len -= 3;
	}
	if (declared && !strcmp(declared, "windows-1252")) {
		if (used)
			*used = "windows-1252";
		return from_cp1252(out, (const unsigned char *)data, len);
	}
	is_utf8 = l2e__utf8_valid(data, len, bad_at);
	if (!is_utf8 && bad_at && *bad_at < len && data[*bad_at] == '\0')
		is_utf8 = 1; /* a NUL byte is no encoding question */
	if (is_utf8 || has_bom || (declared && !strcmp(declared, "utf-8"))) {
		if (!is_utf8 && bad_at && has_bom)
			*bad_at += 3;
		if (used)
			*used = "utf-8";
		if (!is_utf8)
			return L2E_EPARSE;
		return l2e__buf_put(out, data, len);
	}
	if (used)
		*used = "windows-1252";
	return from_cp1252(out, (const unsigned char *)data, len);
}
