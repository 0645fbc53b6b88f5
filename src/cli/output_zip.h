/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output_zip.h - --out FILE.zip: the documents of a run as one ZIP
 * archive, one entry per document and SHA256SUMS last, for a school
 * that wants one file to upload, open on Windows or mail.
 *
 * Written with libarchive's streaming ZIP writer: each document is
 * deflated into the archive as it comes, so nothing is spooled or read
 * back and memory stays flat but for the central directory libarchive
 * keeps until the end (70 bytes and the name an entry: 94 bytes for
 * "STU-0000001.europass.xml"). libzip, which keeps
 * every entry it will write until it closes, stays where random access
 * is what we need: reading workbooks (src/lib/read/xlsx_zip.c). More
 * than 65,535 entries get a ZIP64 end record.
 *
 * The archive is written into ".FILE.zip.l2etmp" beside it, which is
 * flushed to disk and renamed over FILE.zip: the archive is whole or
 * absent (or the last run's), whatever kills the run. A run holds a
 * lock on the folder (flock on the folder itself, no lock file) and
 * removes the temporary files a killed run left.
 *
 * Entries are rw-r--r--, owner and group 0 (no names), dated with the
 * document date (--document-date, SOURCE_DATE_EPOCH, else 1980-01-01,
 * the first a ZIP can hold) in UTC whatever the time zone: the same
 * inputs give the same archive, byte for byte. Names are UTF-8.
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
 *
 * Sets TZ=UTC0 for the process (before any thread starts): libarchive
 * dates entries in local time, and the CLI shows no local time.
 */
int zip_out_open(zip_out **z, const char *path, long long mtime, char *why);

/**
 * Add a document as entry `name`. 0, or -1 with `why` set: the archive
 * is then lost (zip_out_finish writes none), and every later call fails
 * with the same reason.
 */
int zip_out_put(zip_out *z, const char *name, const char *data, size_t len,
                char *why);

/** 1 once a call failed: the reason was given, the archive is lost. */
int zip_out_failed(const zip_out *z);

/**
 * Add SHA256SUMS (from `sums`, a piece at a time: memory stays flat),
 * finish the archive and put it in place. 0, or -1 with `why` set and
 * no archive written (the last run's stays).
 */
int zip_out_finish(zip_out *z, manifest *sums, char *why);

/** Give up what is not finished and free; NULL is fine. */
void zip_out_free(zip_out *z);

#endif
