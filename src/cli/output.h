/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output.h - write documents so that nothing is ever half-written.
 *
 * A document goes to a temporary file in the target folder, is flushed
 * to disk, checked at close and renamed over the final name. A crash or
 * a full disk leaves the old file (or none), never a truncated one.
 */
#ifndef L2E_CLI_OUTPUT_H
#define L2E_CLI_OUTPUT_H

#include <stddef.h>

/** Create folder `dir` if it does not exist. 0 or -1 (errno set). */
int output_prepare_dir(const char *dir);

/**
 * Write `len` bytes to `dir`/`name` atomically. `name` must be a plain
 * file name (no '/'). On failure returns -1 and leaves no temporary file;
 * `why` (size 256) says what went wrong.
 */
int output_write_atomic(const char *dir, const char *name, const char *data,
                        size_t len, char *why);

/**
 * Take the output folder's lock (DIR/.lob2europass.lock, flock): a second
 * run on the same folder fails instead of interleaving. Returns the lock's
 * descriptor (keep it open for the run), -2 when another run holds it, or
 * -1 (errno set).
 */
int output_lock(const char *dir);

/**
 * Remove temporary files an interrupted run left behind (".NAME.XXXXXX",
 * util/atomic_file.h's names). Call with the lock held.
 */
void output_clean_stale(const char *dir);

#endif
