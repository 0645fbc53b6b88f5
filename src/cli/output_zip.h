/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output_zip.h - --out FILE.zip: the documents of a run as one ZIP
 * archive (libzip), one entry per document and SHA256SUMS, for a school
 * that wants one file to upload, open on Windows or mail.
 *
 * The documents are appended to an unnamed spool file as they come (no
 * file per document, memory flat); libzip reads them back when the
 * archive is written at the end, into ".FILE.zip.l2etmp" beside it,
 * which is flushed to disk and renamed over FILE.zip: the archive is
 * whole or absent (or the last run's), whatever kills the run. A run
 * holds a lock on the folder (flock on the folder itself, no lock file)
 * and removes the temporary files a killed run left.
 *
 * Entry times are the document date (--document-date, SOURCE_DATE_EPOCH,
 * else 1980-01-01, the first a ZIP can hold), in UTC, whatever the
 * time zone: the same inputs give the same archive, byte for byte.
 */
#ifndef L2E_CLI_OUTPUT_ZIP_H
#define L2E_CLI_OUTPUT_ZIP_H

#include <stddef.h>

#include "manifest.h"

typedef struct zip_out zip_out;

/** 1 when an --out argument names an archive ("*.zip"). */
int zip_out_is_zip(const char *path);

/**
 * Start the archive `path`, entries dated `mtime` (seconds since 1970).
 * 0; -2 when another run writes an archive in the folder; -1 with
 * `why` (size 256) set.
 */
int zip_out_open(zip_out **z, const char *path, long long mtime, char *why);

/** Add a document as entry `name`. 0, or -1 with `why` set. */
int zip_out_put(zip_out *z, const char *name, const char *data, size_t len,
                char *why);

/**
 * Add SHA256SUMS (from `sums`, through the spool: memory stays flat) and
 * write the archive in place. 0, or -1 with `why` set and no archive
 * written.
 */
int zip_out_finish(zip_out *z, manifest *sums, char *why);

/** Give up what is not finished and free; NULL is fine. */
void zip_out_free(zip_out *z);

#endif
