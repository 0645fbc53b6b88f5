/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * parse_int.h - bounded integer parsing: the whole string, decimal, in
 * range, or an error (never atoi's silent 0).
 */
#ifndef L2E_UTIL_PARSE_INT_H
#define L2E_UTIL_PARSE_INT_H

#include <stddef.h>

/**
 * Parse s[0..len) (len (size_t)-1: up to the NUL) as a decimal integer
 * with an optional leading '-' or '+', digits only, between `min` and
 * `max`. 0 and *out set, or -1 (not a number: empty, blanks, other
 * characters) or -2 (a number outside min..max); *out untouched then.
 */
int l2e__parse_long(const char *s, size_t len, long min, long max, long *out);

#endif
