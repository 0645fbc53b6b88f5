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

/**
 * Create folder `dir` if it does not exist (its parent must: a mistyped
 * path makes no tree of folders). 0, or -1 with `why` (size 256) saying
 * what is wrong in words a user can act on, errno set.
 */
int output_prepare_dir(const char *dir, char *why);

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

/*
 * The folder writer: the documents of a run, written by a thread of
 * their own so that no converting thread waits for the disk, and made
 * durable once per group of files instead of once per file.
 *
 * Each document is created under a temporary name (".NAME.XXXXXX", so
 * output_clean_stale() finds what a killed run leaves), written and
 * closed: openat, write, close (fchmod too when the umask would take
 * 0644 away). A group of them (up to OUTPUT_GROUP_FILES or
 * OUTPUT_GROUP_BYTES, or whatever is waiting after a second without
 * work) is then flushed to disk with one syncfs(), renamed to the final
 * names, and the folder is fsync'ed once. So after a crash, a power cut
 * or kill -9 every document under its final name is complete; what was
 * not renamed yet is a temporary file the next run removes and writes
 * again.
 */
#define OUTPUT_GROUP_FILES 4096
#define OUTPUT_GROUP_BYTES (64u * 1024 * 1024)

typedef struct output_writer output_writer;

/**
 * Start writing into folder `dir` (made and locked by the caller).
 * 0, or -1 with `why` (size 256) set.
 */
int output_writer_open(output_writer **w, const char *dir, char *why);

/**
 * Queue `len` bytes as `dir`/`name` (a plain file name); returns at once
 * unless the writer is a full group behind. -1 with `why` (size 256)
 * set, and nothing queued, when the name is unsafe or the writer has
 * failed before (a full disk): later documents fail here, in order.
 */
int output_writer_put(output_writer *w, const char *name, const char *data,
                      size_t len, char *why);

/* A document that was queued but could not be written. */
typedef void (*output_failed_fn)(const char *name, const char *why,
                                 void *payload);

/**
 * Tell `fn` about every queued document found failed since the last
 * call (none is left under its final name). Call it from the thread
 * that puts; cheap when nothing failed.
 */
void output_writer_failures(output_writer *w, output_failed_fn fn,
                            void *payload);

/**
 * Write and rename everything queued, fsync the folder, stop the thread.
 * 0, or -1 when anything failed (see output_writer_failures).
 */
int output_writer_finish(output_writer *w);

/** Finish (if not done) and free; NULL is fine. */
void output_writer_free(output_writer *w);

#endif
