/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * edc_out.h - a streaming JSON printer for the EDC writer: members are
 * printed as they come, no tree in between (a credential is written
 * once, top to bottom), on one line without spaces, as the EDC issuer's
 * own upload example: a credential is three times a v3 document's size,
 * and indenting it made it 60% larger again, for readers who are
 * programs. Errors are sticky: after a failed append every call does
 * nothing and `error` holds the code.
 */
#ifndef L2E_WRITE_EDC_OUT_H
#define L2E_WRITE_EDC_OUT_H

#include "lob2europass/common.h"

#define L2E__JW_MAX_DEPTH 32

typedef struct l2e__jw {
	l2e_buf *out;
	int error;
	int depth;
	int has_member[L2E__JW_MAX_DEPTH]; /* a comma before the next one */
} l2e__jw;

void l2e__jw_init(l2e__jw *w, l2e_buf *out);
/** Open an object ('{') or array ('['), as member `key` (NULL: an array
 *  item or the root). */
void l2e__jw_open(l2e__jw *w, const char *key, char bracket);
void l2e__jw_close(l2e__jw *w, char bracket);
/** "key": "text" (escaped); key NULL: an array item. */
void l2e__jw_str(l2e__jw *w, const char *key, const char *text);
/** "key": "text" from len bytes. */
void l2e__jw_strn(l2e__jw *w, const char *key, const char *text, size_t len);
/** "key": "text" unescaped: only for the writer's own literals and
 *  values made of them (URIs, types, ids, dates), never for input. */
void l2e__jw_lit(l2e__jw *w, const char *key, const char *text);
void l2e__jw_int(l2e__jw *w, const char *key, long n);

#endif
