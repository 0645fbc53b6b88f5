/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_check.h - oracles shared by the fuzz targets.
 *
 * A fuzz target finds memory errors through the sanitizers on its own;
 * these checks add the library's promises, so that breaking one is a
 * crash too:
 *
 *  - a document the library wrote is well-formed: XML parses with
 *    libxml2 (no network), JSON with cJSON, as one value, in valid UTF-8
 *    and without raw control characters inside strings;
 *  - no text that leaves the library (documents, file names, messages)
 *    holds a national identifier: a run of exactly nine digits that
 *    passes the BSN elfproef or the onderwijsnummer check, or an ECK iD
 *    ("ketenid.nl/", in any case).
 *
 * The identifier check is written here again, on purpose without
 * src/lib/core/natid.c, so that a bug there cannot hide itself. Every
 * failed check prints what and where to stderr and calls abort(), which
 * libFuzzer records as a crash and the replay driver as a failure.
 *
 * Header-only (static inline), so that a target stays one file.
 */
#ifndef L2E_FUZZ_CHECK_H
#define L2E_FUZZ_CHECK_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <libxml/parser.h>

static inline void fuzz_fail(const char *what, const char *where,
                             const char *text, size_t len)
{
	fprintf(stderr, "\n*** fuzz check failed: %s in %s\n", what, where);
	if (text) {
		fprintf(stderr, "--- text (%zu bytes) ---\n", len);
		fwrite(text, 1, len > 4096 ? 4096 : len, stderr);
		fprintf(stderr, "\n--- end ---\n");
	}
	abort();
}

/* ==== National identifiers (independent of core/natid.c) ==== */

/* Weights 9..2 and -1 over nine digits; the sum reduced mod 11. */
static inline int fuzz_elf_mod11(const char *d)
{
	static const int weight[9] = { 9, 8, 7, 6, 5, 4, 3, 2, -1 };
	int sum = 0, i;

	for (i = 0; i < 9; i++)
		sum += weight[i] * (d[i] - '0');
	return ((sum % 11) + 11) % 11;
}

static inline int fuzz_is_national_id(const char *d)
{
	int r = fuzz_elf_mod11(d), is_zero = 1, i;

	for (i = 0; i < 9; i++)
		is_zero &= d[i] == '0';
	if (r == 0 && !is_zero)
		return 1;                            /* BSN */
	return d[0] == '1' && d[1] == '0' && r == 5; /* onderwijsnummer */
}

/* "ketenid.nl/" at text[0..len), in any case (host names ignore it). */
static inline int fuzz_is_eck_at(const char *text, size_t len)
{
	static const char eck[] = "ketenid.nl/";
	size_t i;

	if (len < sizeof(eck) - 1)
		return 0;
	for (i = 0; i < sizeof(eck) - 1; i++) {
		char c = text[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != eck[i])
			return 0;
	}
	return 1;
}

/*
 * Offset of the first national identifier in text[0..len), or -1: a
 * maximal run of exactly nine ASCII digits passing either check, or
 * "ketenid.nl/" in any case (ECK iD).
 */
static inline long fuzz_find_national_id(const char *text, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		if (text[i] < '0' || text[i] > '9') {
			if (fuzz_is_eck_at(text + i, len - i))
				return (long)i;
			i++;
			continue;
		}
		start = i;
		while (i < len && text[i] >= '0' && text[i] <= '9')
			i++;
		if (i - start == 9 && fuzz_is_national_id(text + start))
			return (long)start;
	}
	return -1;
}

/* abort() when `text` (may be NULL) holds a national identifier. */
static inline void fuzz_check_private(const char *where, const char *text,
                                      size_t len)
{
	long at;

	if (!text)
		return;
	at = fuzz_find_national_id(text, len);
	if (at >= 0) {
		fprintf(stderr,
		        "\n*** national identifier at offset %ld: "
		        "\"%.11s\"\n",
		        at, text + at);
		fuzz_fail("a national identifier was not redacted", where, text,
		          len);
	}
}

static inline void fuzz_check_private_str(const char *where, const char *text)
{
	if (text)
		fuzz_check_private(where, text, strlen(text));
}

/* ==== Well-formed documents ==== */

/* Length of the UTF-8 sequence at s (1..4), 0 when invalid. */
static inline size_t fuzz_utf8_seq(const unsigned char *s, size_t len)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1Fu;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0Fu;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

static inline void fuzz_check_utf8(const char *where, const char *text,
                                   size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, n;

	while (i < len) {
		n = fuzz_utf8_seq(u + i, len - i);
		if (!n || u[i] == 0)
			fuzz_fail("invalid UTF-8 or a NUL byte", where, text,
			          len);
		i += n;
	}
}

static inline void fuzz_check_xml(const char *where, const char *text,
                                  size_t len)
{
	xmlDocPtr doc;

	if (len > (size_t)0x7fffffff)
		fuzz_fail("document too large", where, NULL, 0);
	fuzz_check_utf8(where, text, len);
	doc =
	    xmlReadMemory(text, (int)len, "output.xml", NULL, XML_PARSE_NONET);
	if (!doc || !xmlDocGetRootElement(doc))
		fuzz_fail("the XML document is not well-formed", where, text,
		          len);
	xmlFreeDoc(doc);
}

static inline void fuzz_check_json(const char *where, const char *text,
                                   size_t len)
{
	const char *end = NULL;
	cJSON *doc;
	size_t i;
	int is_in_string = 0;

	fuzz_check_utf8(where, text, len);
	/* cJSON lets raw control characters through inside strings */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (is_in_string && c == '\\') {
			i++;
		} else if (c == '"') {
			is_in_string = !is_in_string;
		} else if (is_in_string && c < 0x20) {
			fuzz_fail("a raw control character in a JSON string",
			          where, text, len);
		}
	}
	/* one value, then only white space */
	doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	while (doc && end < text + len &&
	       (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (!doc || end != text + len)
		fuzz_fail("the JSON document is not well-formed", where, text,
		          len);
	cJSON_Delete(doc);
}

static inline int fuzz_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Check a document written in a format with file-name ending
 * `extension`: by its ending it is XML or JSON. A format that is neither
 * gets the privacy check only.
 */
static inline void fuzz_check_document(const char *extension, const char *text,
                                       size_t len)
{
	const char *where = extension ? extension : "(unknown format)";

	if (extension && fuzz_ends_with(extension, ".xml"))
		fuzz_check_xml(where, text, len);
	else if (extension && (fuzz_ends_with(extension, ".json") ||
	                       fuzz_ends_with(extension, ".jsonld")))
		fuzz_check_json(where, text, len);
	fuzz_check_private(where, text, len);
}

#endif
