/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * utf8.h - UTF-8 checks and clean-up.
 *
 * Strict validation (no overlong forms, no surrogates, nothing above
 * U+10FFFF), plus the clean-up every string gets before it reaches a
 * document: XML 1.0 forbids most control characters, so they are removed.
 */
#ifndef L2E_CORE_UTF8_H
#define L2E_CORE_UTF8_H

#include <stddef.h>

/** Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t l2e__utf8_seq(const unsigned char *s, size_t len);

/**
 * 1 if s[0..len) is valid UTF-8 without NUL bytes; otherwise 0 and
 * *bad_at (if not NULL) is the offset of the first bad byte.
 */
int l2e__utf8_valid(const char *s, size_t len, size_t *bad_at);

/** Line (1-based) and column (1-based, in characters) of offset `at`. */
void l2e__text_position(const char *s, size_t at, unsigned *line,
                        unsigned *column);

#endif
