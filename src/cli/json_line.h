/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_line.h - build one line of JSON text in memory: log lines, report
 * entries, JSON Lines documents. Strings are escaped by the one escaper
 * (util/json_escape.h), so every line is byte for byte what cJSON would
 * print, without building a cJSON tree first.
 *
 * Errors are sticky: after a failed allocation every call does nothing
 * and is_failed stays set, so a line is built without a check per call
 * and checked once at the end.
 */
#ifndef L2E_CLI_JSON_LINE_H
#define L2E_CLI_JSON_LINE_H

#include <stddef.h>

typedef struct json_line {
	char *ptr; /* ptr[0..len) written, NUL-terminated when not failed */
	size_t len;
	size_t cap;
	int is_failed; /* out of memory */
} json_line;

#define JSON_LINE_INIT        \
	{                     \
		NULL, 0, 0, 0 \
	}

/** Make room for `extra` more bytes at once (a guess, to grow less). */
void json_line_reserve(json_line *l, size_t extra);

/** Room for `extra` bytes besides a string of `len` bytes to come through
 * json_line_string: its first block escaped finds the room there. */
void json_line_reserve_string(json_line *l, size_t len, size_t extra);

/** JSON text as it is: punctuation, member names, literals. */
void json_line_raw(json_line *l, const char *text);

/** s[0..len) as a JSON string, quotes included. */
void json_line_string(json_line *l, const char *s, size_t len);

/** A NUL-terminated string, or null for NULL. */
void json_line_str(json_line *l, const char *s);

/** ,"name":"s" (nothing when s is NULL, as cJSON adds no member). */
void json_line_opt_str(json_line *l, const char *name, const char *s);

/** ,"name":n (nothing when n is 0: an unknown line or column). */
void json_line_opt_uint(json_line *l, const char *name, unsigned n);

/** Give the memory back; the line is empty again. */
void json_line_dispose(json_line *l);

#endif
