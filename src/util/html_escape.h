/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * html_escape.h - the one HTML text escaper, for the pages we write
 * (the overview, the batch report): & < > " ' as character references,
 * so a text from an export is always text, in an element or an
 * attribute alike. UTF-8 passes through.
 */
#ifndef L2E_UTIL_HTML_ESCAPE_H
#define L2E_UTIL_HTML_ESCAPE_H

#include <stddef.h>

/* Room l2e__html_escape() needs for `len` input bytes ("&quot;"). */
#define L2E_HTML_ESCAPE_ROOM(len) (6 * (size_t)(len))

/**
 * Write s[0..len) escaped at `o`, which has room for
 * L2E_HTML_ESCAPE_ROOM(len) bytes. Returns the end of what was written
 * (not NUL-terminated).
 */
char *l2e__html_escape(char *o, const char *s, size_t len);

#endif
