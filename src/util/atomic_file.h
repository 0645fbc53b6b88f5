/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * atomic_file.h - the one "temporary file, fsync, rename" writer.
 *
 * A file is written under a temporary name beside its final one
 * (".NAME.XXXXXX" in the same folder), flushed to disk, given its mode,
 * checked at close and renamed over the final name. A crash, a full disk
 * or a kill leaves the old file (or none), never a truncated one, and
 * every failure path removes the temporary file. rename() replaces a
 * symbolic link at the final name instead of following it.
 *
 * A final name that is not a file, or a link to one that is not
 * (/dev/null, /dev/stdout, a named pipe), is written directly: renaming
 * over it would replace the device with a file for every program on
 * the machine.
 */
#ifndef L2E_UTIL_ATOMIC_FILE_H
#define L2E_UTIL_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define L2E_ATOMIC_PATH_MAX 4096

typedef struct l2e__atomic_file {
	int fd;        /* -1 when not open */
	FILE *stream;  /* set by l2e__atomic_stream(); owns fd then */
	int is_direct; /* the final name is a device or pipe: no rename */
	char path[L2E_ATOMIC_PATH_MAX];
	char tmp[L2E_ATOMIC_PATH_MAX];
} l2e__atomic_file;

/**
 * Create the temporary file for `path`. Returns its descriptor, or -1
 * with errno set (ENAMETOOLONG for a path that does not fit).
 */
int l2e__atomic_begin(l2e__atomic_file *a, const char *path);

/** The file as a stdio stream (NULL, errno set, when fdopen fails). */
FILE *l2e__atomic_stream(l2e__atomic_file *a);

/**
 * Flush, fsync, set `mode`, close and rename over the final name.
 * 0, or -1 with errno set and the temporary file removed.
 */
int l2e__atomic_commit(l2e__atomic_file *a, mode_t mode);

/** Give up: close and remove the temporary file (safe to call twice). */
void l2e__atomic_abort(l2e__atomic_file *a);

/*
 * Optional: told of each temporary file as it is created (is_created 1)
 * and as it is renamed or removed (0), so that a program can remove the
 * ones in flight when a signal ends it. Set once, before any file.
 */
typedef void (*l2e__atomic_hook)(const char *tmp, int is_created);
void l2e__atomic_set_hook(l2e__atomic_hook hook);

/** 1 when `path` (followed) exists and is neither a file nor a folder. */
int l2e__atomic_is_device(const char *path);

/** All of the above for `len` bytes at `data`. 0, or -1 with errno set. */
int l2e__atomic_write(const char *path, const void *data, size_t len,
                      mode_t mode);

#endif
