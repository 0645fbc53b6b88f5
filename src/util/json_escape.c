/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_escape.c - the one JSON string escaper (see json_escape.h).
 */
#include "util/json_escape.h"

#include <stdint.h>
#include <string.h>

/*
 * How cJSON escapes each byte: 0 as it is, 'u' as \u00xx, else the
 * letter of its two-character escape. A table, as every document goes
 * through it.
 */
static const char escape_of[256] = {
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b',  't', 'n', 'u', 'f', 'r',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',  'u', 'u', 'u', 'u', 'u',
	'u', 'u', 'u', 'u', 0,   0,   '"', 0,   0,    0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,    0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,    0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,    0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   '\\',
};

#if !defined(__SSE2__)
/*
 * How many of the 8 bytes at s need no escaping before the first that
 * does (8: none does). SWAR: a byte below 0x20, '"' or '\\' sets the
 * high bit of its lane, and the lowest such lane is exact.
 */
static unsigned plain_prefix(const unsigned char *s)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	uint64_t w, q, b, hits;

	memcpy(&w, s, 8);
	q = w ^ (ones * '"');
	b = w ^ (ones * '\\');
	hits =
	    (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) &
	    high;
	if (!hits)
		return 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (unsigned)__builtin_ctzll(hits) / 8;
#else
	{
		unsigned i = 0;

		while (!escape_of[s[i]])
			i++;
		return i;
	}
#endif
}
#endif

/* The escape of byte c at o; returns the end. */
static char *put_escape(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	*o++ = '\\';
	*o++ = escape_of[c];
	if (escape_of[c] == 'u') {
		*o++ = '0';
		*o++ = '0';
		*o++ = hex[c >> 4];
		*o++ = hex[c & 15];
	}
	return o;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/*
 * How many of the 16 bytes at s need no escaping before the first that
 * does (16: none does), with them copied to o: SSE2 is in every x86-64,
 * and twice the SWAR lanes halve the work where most of it is, in the
 * documents of --out - (a line break, a quote every 20 bytes or so).
 */
static unsigned plain_copy(char *o, const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	/* below 0x20: nothing is left after subtracting 0x1F, saturated */
	__m128i ctl = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)),
	                             _mm_setzero_si128());
	__m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	unsigned m =
	    (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, b)));

	_mm_storeu_si128((__m128i *)(void *)o, v);
	return m ? (unsigned)__builtin_ctz(m) : 16;
}
#define PLAIN_BLOCK 16
#else
static unsigned plain_copy(char *o, const unsigned char *s)
{
	memcpy(o, s, 8);
	return plain_prefix(s);
}
#define PLAIN_BLOCK 8
#endif

#if defined(__SSE2__)
/* Bit i set where s[i] needs escaping, for the 16 bytes at s. */
static unsigned mask16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i ctl = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)),
	                             _mm_setzero_si128());
	__m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));

	return (unsigned)_mm_movemask_epi8(
	    _mm_or_si128(ctl, _mm_or_si128(q, b)));
}

/* s[0..n) to o, sixteen bytes a step: up to 15 bytes more are read and
 * written, which the caller has room for. */
static void copy16(char *o, const unsigned char *s, size_t n)
{
	size_t j = 0;

	do {
		_mm_storeu_si128(
		    (__m128i *)(void *)(o + j),
		    _mm_loadu_si128((const __m128i *)(const void *)(s + j)));
		j += 16;
	} while (j < n);
}

/*
 * 64 bytes at a time: one mask of the bytes to escape, then one step
 * per escape (copy the plain run before it, write it) instead of one
 * per plain run found. A document of --out - has an escape every 15
 * bytes or so ('\n', '"'), so a 16-byte scan mostly found one run.
 * Stops 16 bytes before the end, as copy16 reads up to 15 past a run.
 */
static char *escape_windows(char *o, const unsigned char *s, size_t len,
                            size_t *done)
{
	size_t i = 0, base, k;
	uint64_t m;

	for (base = 0; len - base >= 64 + 16; base += 64) {
		m = (uint64_t)mask16(s + base) |
		    (uint64_t)mask16(s + base + 16) << 16 |
		    (uint64_t)mask16(s + base + 32) << 32 |
		    (uint64_t)mask16(s + base + 48) << 48;
		for (; m; m &= m - 1) {
			k = base + (size_t)__builtin_ctzll(m);
			copy16(o, s + i, k - i);
			o += k - i;
			o = put_escape(o, s[k]);
			i = k + 1;
		}
		copy16(o, s + i, base + 64 - i);
		o += base + 64 - i;
		i = base + 64;
	}
	*done = i;
	return o;
}
#endif

/*
 * A block of bytes at a time is copied up to the next byte to escape,
 * with no check per byte; a formatted JSON document has one every few
 * bytes (tabs, quotes), and escapes come in runs there ('",', '"\n').
 */
char *l2e__json_escape(char *o, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	unsigned k;

#if defined(__SSE2__)
	if (len >= 64 + 16)
		o = escape_windows(o, s, len, &i);
#endif
	while (len - i >= PLAIN_BLOCK) {
		/* the whole block is copied; bytes past k get overwritten */
		k = plain_copy(o, s + i);
		o += k;
		i += k;
		if (k == PLAIN_BLOCK)
			continue;
		do
			o = put_escape(o, s[i++]);
		while (i < len && escape_of[s[i]]);
	}
	for (; i < len; i++)
		if (escape_of[s[i]])
			o = put_escape(o, s[i]);
		else
			*o++ = (char)s[i];
	return o;
}
