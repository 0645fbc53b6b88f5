/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_file.h - read a whole file (or standard input) with a size cap.
 */
#ifndef L2E_UTIL_READ_FILE_H
#define L2E_UTIL_READ_FILE_H

#include <stddef.h>

typedef enum l2e__read_status {
	L2E_READ_OK = 0,
	L2E_READ_NOT_FOUND,   /* no such file (errno ENOENT) */
	L2E_READ_CANNOT_OPEN, /* cannot open it otherwise (errno set) */
	L2E_READ_IO,          /* opened, but a read failed (errno set) */
	L2E_READ_IS_DIR,      /* a folder, not a file */
	L2E_READ_TOO_BIG,     /* more than `max` bytes */
	L2E_READ_NO_MEMORY
} l2e__read_status;

/**
 * Read `path` ("-": standard input) into a NUL-terminated block that the
 * caller frees with l2e__free(), refusing more than `max` bytes. An empty
 * file gives "" (never NULL). On failure *data is NULL.
 */
l2e__read_status l2e__read_file(const char *path, size_t max, char **data,
                                size_t *len);

#endif
