/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_escape.h - the one JSON string escaper.
 *
 * Byte for byte what cJSON writes between the quotes of a string: '"',
 * '\\', \b \f \n \r \t as two-character escapes, other bytes below 0x20
 * as \u00xx (lower-case hex), every other byte as it is (UTF-8 passes
 * through). Documents, reports and logs all escape through here, so a
 * string reads the same wherever it appears.
 */
#ifndef L2E_UTIL_JSON_ESCAPE_H
#define L2E_UTIL_JSON_ESCAPE_H

#include <stddef.h>

/* Room l2e__json_escape() needs at `o` for `len` input bytes: six a byte
 * at worst, and sixteen more, as it copies up to sixteen bytes at a
 * time. */
#define L2E_JSON_ESCAPE_ROOM(len) (6 * (size_t)(len) + 16)

/**
 * Write s[0..len) escaped (no quotes) at `o`, which has room for
 * L2E_JSON_ESCAPE_ROOM(len) bytes. Returns the end of what was written.
 * Not NUL-terminated; a NUL in s is written as \u0000.
 */
char *l2e__json_escape(char *o, const char *s, size_t len);

#endif
