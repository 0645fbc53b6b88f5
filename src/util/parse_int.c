/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * parse_int.c - bounded integer parsing (see parse_int.h).
 */
#include "util/parse_int.h"

#include <limits.h>
#include <string.h>

int l2e__parse_long(const char *s, size_t len, long min, long max, long *out)
{
	unsigned long v = 0, limit;
	int is_neg = 0, is_over = 0;
	size_t i = 0;

	if (len == (size_t)-1)
		len = strlen(s);
	if (len && (s[0] == '-' || s[0] == '+')) {
		is_neg = s[0] == '-';
		i = 1;
	}
	if (i == len)
		return -1;
	/* |LONG_MIN| fits an unsigned long */
	limit = is_neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';

		if (d > 9)
			return -1;
		if (v > (limit - d) / 10)
			is_over = 1;
		else
			v = v * 10 + d;
	}
	if (is_over)
		return -2;
	if (is_neg) {
		long n = v == (unsigned long)LONG_MAX + 1 ? LONG_MIN : -(long)v;
		if (n < min || n > max)
			return -2;
		*out = n;
		return 0;
	}
	if ((long)v < min || (long)v > max)
		return -2;
	*out = (long)v;
	return 0;
}
