/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * spool.h - an unnamed temporary file to append to and read back.
 *
 * What a run must remember of every document until its end (the lines of
 * SHA256SUMS, the run state, the names used) goes here instead of into
 * memory, so that memory stays the same for 10,000 dossiers or 1,000,000.
 * The file is made at the first append, in $TMPDIR (else /tmp), as
 * sort(1) spills there, and has no name: it is gone with the process,
 * whatever ends it.
 */
#ifndef L2E_CLI_SPOOL_H
#define L2E_CLI_SPOOL_H

#include <stddef.h>
#include <sys/types.h>

typedef struct spool {
	int fd;      /* the file, once is_open */
	int is_open; /* made at the first flush */
	char *buf;   /* appended, not yet in the file */
	size_t len;  /* bytes in buf */
	off_t size;  /* bytes appended in all */
} spool;

/* Zero-filled (memset or = {0}) is an empty spool. */

/** Append `len` bytes; `at` (may be NULL) gets their offset. 0 or -1. */
int spool_append(spool *s, const void *data, size_t len, off_t *at);

/** Everything appended so far into the file. 0 or -1. */
int spool_flush(spool *s);

/**
 * Up to `len` bytes from offset `at` (fewer at the end). The number read,
 * or -1 (errno set).
 */
ssize_t spool_read(spool *s, off_t at, void *dst, size_t len);

/** Take back what was appended from offset `size` on. */
void spool_truncate(spool *s, off_t size);

void spool_dispose(spool *s);

#endif
