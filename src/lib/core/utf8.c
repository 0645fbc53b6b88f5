/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * utf8.c - UTF-8 checks (see utf8.h).
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

size_t l2e__utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* UTF-16 surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[1] >= 0x90)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

/* Whether the 8 bytes at u are ASCII without NUL: the usual case, so
 * that text is checked a word at a time. */
static int is_plain_ascii8(const unsigned char *u)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	uint64_t w;

	memcpy(&w, u, 8);
	return !((w | ((w - ones) & ~w)) & high);
}

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>

/* Bit k set where byte k of the 16 at u is NUL or not ASCII. */
static unsigned not_plain16(const unsigned char *u)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
	__m128i nul = _mm_cmpeq_epi8(v, _mm_setzero_si128());

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(v, nul));
}
#endif

int l2e__utf8_valid(const char *s, size_t len, size_t *bad_at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
#if defined(__SSE2__) && defined(__GNUC__)
	unsigned m;
#endif

	while (i < len) {
#if defined(__SSE2__) && defined(__GNUC__)
		/* every record is checked whole before it is parsed: 16
		 * bytes a step, and straight to the first that is not
		 * plain ASCII (SSE2 is in every x86-64) */
		if (len - i >= 16) {
			if (!(m = not_plain16(u + i))) {
				i += 16;
				continue;
			}
			i += (unsigned)__builtin_ctz(m);
		}
#endif
		if (len - i >= 8 && is_plain_ascii8(u + i)) {
			i += 8;
			continue;
		}
		if (u[i] == 0) {
			n = 0;
		} else if (u[i] < 0x80) {
			i++;
			continue;
		} else {
			n = l2e__utf8_seq(u + i, len - i);
		}
		if (!n) {
			if (bad_at)
				*bad_at = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

void l2e__text_position(const char *s, size_t at, unsigned *line,
                        unsigned *column)
{
	unsigned l = 1, c = 1;
	size_t i;

	for (i = 0; i < at; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*column = c;
}
