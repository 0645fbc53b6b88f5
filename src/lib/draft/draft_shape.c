/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_shape.c - what a value looks like: a date and its pattern, an
 * e-mail address, a CEFR level, an MBO level, a URL, a national
 * identifier. Only shapes: words of a language (yes and no, entry
 * level) live in the synonyms data file, never here.
 */
#include <string.h>

#include "draft/draft.h"

#include "core/natid.h"

static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n, int lo, int hi)
{
	int v = 0;
	size_t i;

	if (!n || !digits(s, n))
		return 0;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v >= lo && v <= hi;
}

/* d-m-jjjj with separator `sep`: day and month of 1 or 2 digits. */
static int dmy(const char *s, size_t len, char sep)
{
	const char *a = memchr(s, sep, len), *b;

	if (!a || !(b = memchr(a + 1, sep, len - (size_t)(a + 1 - s))))
		return 0;
	return num(s, (size_t)(a - s), 1, 31) &&
	       num(a + 1, (size_t)(b - a - 1), 1, 12) &&
	       (size_t)(s + len - b - 1) == 4 && num(b + 1, 4, 1900, 2100);
}

static int is_date(const char *s, size_t len, int shape)
{
	switch (shape) {
	case L2E__SHAPE_DATE_ISO:
		return len >= 10 && s[4] == '-' && s[7] == '-' &&
		       num(s, 4, 1900, 2100) && num(s + 5, 2, 1, 12) &&
		       num(s + 8, 2, 1, 31) && (len == 10 || s[10] == 'T');
	case L2E__SHAPE_DATE_DMY: return dmy(s, len, '-');
	case L2E__SHAPE_DATE_DMY_SLASH: return dmy(s, len, '/');
	case L2E__SHAPE_DATE_DMY_DOT: return dmy(s, len, '.');
	case L2E__SHAPE_DATE_YMD8:
		return len == 8 && num(s, 4, 1900, 2100) &&
		       num(s + 4, 2, 1, 12) && num(s + 6, 2, 1, 31);
	case L2E__SHAPE_DATE_DMY8:
		return len == 8 && num(s, 2, 1, 31) && num(s + 2, 2, 1, 12) &&
		       num(s + 4, 4, 1900, 2100);
	case L2E__SHAPE_DATE_YM:
		return len == 7 && s[4] == '-' && num(s, 4, 1900, 2100) &&
		       num(s + 5, 2, 1, 12);
	case L2E__SHAPE_DATE_MY6:
		return len == 6 && num(s, 2, 1, 12) &&
		       num(s + 2, 4, 1900, 2100);
	case L2E__SHAPE_DATE_MY:
		return (len == 6 || len == 7) && s[len - 5] == '-' &&
		       num(s, len - 5, 1, 12) &&
		       num(s + len - 4, 4, 1900, 2100);
	}
	return 0;
}

const char *l2e__shape_date_pattern(int shape)
{
	switch (shape) {
	case L2E__SHAPE_DATE_DMY: return "d-m-jjjj";
	case L2E__SHAPE_DATE_DMY_SLASH: return "d/m/jjjj";
	case L2E__SHAPE_DATE_DMY_DOT: return "d.m.jjjj";
	case L2E__SHAPE_DATE_YMD8: return "jjjjmmdd";
	case L2E__SHAPE_DATE_DMY8: return "ddmmjjjj";
	case L2E__SHAPE_DATE_YM: return "jjjj-mm";
	case L2E__SHAPE_DATE_MY6: return "mmjjjj";
	case L2E__SHAPE_DATE_MY: return "m-jjjj";
	}
	return NULL;
}

static int is_cefr(const char *s, size_t len)
{
	return (len == 2 || (len == 3 && s[2] == '+')) &&
	       (s[0] == 'A' || s[0] == 'B' || s[0] == 'C' || s[0] == 'a' ||
	        s[0] == 'b' || s[0] == 'c') &&
	       (s[1] == '1' || s[1] == '2');
}

/* "3", "level 3", "mbo-3": at most 8 letters, spaces or hyphens and
 * one digit 1 to 4 (the words for entry level are in the data file). */
static int is_eqf(const char *s, size_t len)
{
	size_t i;

	if (!len || len > 9 || s[len - 1] < '1' || s[len - 1] > '4')
		return 0;
	for (i = 0; i + 1 < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' ||
		      s[i] == '-'))
			return 0;
	return 1;
}

/* A JSON-LD language map ({"nl": "...", "en": "..."}, as ELM writes
 * every text): members named as language tags (two or three lowercase
 * letters, a region after a hyphen), each a text. The value to read is
 * the Dutch one, else the English, else the first; the draft reads it
 * with "language" as any school's export of credentials needs. */
static int is_tag(const char *k)
{
	size_t n = strspn(k, "abcdefghijklmnopqrstuvwxyz");

	return (n == 2 || n == 3) && strcmp(k, "id") &&
	       (!k[n] || (k[n] == '-' && k[n + 1]));
}

const l2e__node *l2e__shape_langmap(const l2e__node *obj)
{
	const l2e__node *m, *nl = NULL, *en = NULL;

	if (!obj || obj->kind != L2E__NODE_OBJECT || !obj->first)
		return NULL;
	for (m = obj->first; m; m = m->next) {
		if (!m->key || !is_tag(m->key) || m->kind != L2E__NODE_STRING)
			return NULL;
		if (!nl && !strncmp(m->key, "nl", 2))
			nl = m;
		if (!en && !strncmp(m->key, "en", 2))
			en = m;
	}
	return nl ? nl : en ? en : obj->first;
}

void l2e__shape_count(size_t *counts, const char *s)
{
	size_t len = strlen(s);
	const char *at;
	int k;

	for (k = L2E__SHAPE_DATE_ISO; k <= L2E__SHAPE_DATE_LAST; k++)
		if (is_date(s, len, k))
			counts[k]++;
	if ((at = strchr(s, '@')) && at > s && strchr(at, '.') &&
	    !strchr(s, ' '))
		counts[L2E__SHAPE_EMAIL]++;
	if (is_cefr(s, len))
		counts[L2E__SHAPE_CEFR]++;
	if (is_eqf(s, len))
		counts[L2E__SHAPE_EQF]++;
	if (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7))
		counts[L2E__SHAPE_URL]++;
	if (l2e__natid_find(s))
		counts[L2E__SHAPE_NATID]++;
	if (len && digits(s, len))
		counts[L2E__SHAPE_DIGITS]++;
	if ((len == 4 && digits(s, 4)) ||
	    (len == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	     s[1] <= 'Z'))
		counts[L2E__SHAPE_COUNTRY]++;
}
