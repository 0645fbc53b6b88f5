/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_transform.c - a rule's text transforms (see map_transform.h):
 * replace, case, decimal comma and zero padding, in that order. Moved
 * out of map_eval.c so that the evaluator stays one concern.
 */
#include "map/map_transform.h"

#include <string.h>

#include "core/buf.h"

/*
 * Change case in place: ASCII and the Latin-1 letters (U+00C0..U+00FE,
 * which keep their UTF-8 length). "title" lowers everything, then raises
 * the first letter of each word (after a space or a hyphen), except for
 * the Dutch "'s" as in 's-Hertogenbosch.
 */
static int to_upper(unsigned char *p)
{
	if (p[0] >= 'a' && p[0] <= 'z') {
		p[0] = (unsigned char)(p[0] - 32);
		return 1;
	}
	if (p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7) {
		p[1] = (unsigned char)(p[1] - 32);
		return 2;
	}
	return p[0] == 0xC3 ? 2 : 1;
}

static int to_lower(unsigned char *p)
{
	if (p[0] >= 'A' && p[0] <= 'Z') {
		p[0] = (unsigned char)(p[0] + 32);
		return 1;
	}
	if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
		p[1] = (unsigned char)(p[1] + 32);
		return 2;
	}
	return p[0] == 0xC3 ? 2 : 1;
}

static void change_case(char *text, unsigned tf)
{
	unsigned char *p = (unsigned char *)text;
	int at_word_start = 1;

	while (*p) {
		if (tf & L2E__TF_UPPER) {
			p += to_upper(p);
			continue;
		}
		if ((tf & L2E__TF_TITLE) && at_word_start &&
		    !(p[0] == '\'' && (p[1] == 's' || p[1] == 'S') &&
		      (p[2] == '-' || p[2] == ' '))) {
			at_word_start = *p == '\'';
			p += *p == '\'' ? 1 : to_upper(p);
			continue;
		}
		at_word_start = *p == ' ' || *p == '-';
		p += to_lower(p);
	}
}

/* "1.234,5" -> "1234.5", "32,0" -> "32.0"; anything else unchanged. */
static void decimal_comma(char *s)
{
	char *w = s;
	const char *r;
	int has_comma = strchr(s, ',') != NULL;

	for (r = s; *r; r++)
		if ((*r < '0' || *r > '9') && *r != ',' && *r != '.' &&
		    !(r == s && *r == '-'))
			return; /* not a number */
	for (r = s; *r; r++) {
		if (*r == '.' && has_comma)
			continue; /* a thousands separator */
		*w++ = *r == ',' ? '.' : *r;
	}
	*w = '\0';
}

int l2e__apply_transforms(const l2e__rule *r, l2e_buf *out)
{
	size_t i, len;
	char *hit;
	int error = 0;

	for (i = 0; i < r->n_replaces && !error; i++) {
		l2e_buf next = L2E_BUF_INIT;
		const char *s = out->ptr;

		len = strlen(r->replaces[i].from);
		while (!error && (hit = strstr(s, r->replaces[i].from))) {
			error = l2e__buf_put(&next, s, (size_t)(hit - s));
			if (!error)
				error = l2e__buf_puts(&next, r->replaces[i].to);
			s = hit + len;
		}
		if (!error)
			error = l2e__buf_puts(&next, s);
		l2e_buf_dispose(out);
		*out = next;
		if (!out->ptr && !error)
			error = l2e__buf_put(out, "", 0);
	}
	if (error)
		return error;
	if (r->transforms & (L2E__TF_UPPER | L2E__TF_LOWER | L2E__TF_TITLE))
		change_case(out->ptr, r->transforms);
	if (r->transforms & L2E__TF_DECIMAL) {
		decimal_comma(out->ptr);
		out->len = strlen(out->ptr);
	}
	if (r->pad && out->len < r->pad &&
	    strspn(out->ptr, "0123456789") == out->len) {
		len = r->pad - out->len;
		if ((error = l2e__buf_grow(out, len)) < 0)
			return error;
		memmove(out->ptr + len, out->ptr, out->len + 1);
		memset(out->ptr, '0', len);
		out->len += len;
	}
	return 0;
}
