/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * manifest.h - DIR/SHA256SUMS for the documents of a batch, and its
 * signature DIR/SHA256SUMS.sig.
 */
#ifndef L2E_CLI_MANIFEST_H
#define L2E_CLI_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include <lob2europass/lob2europass.h>

#include "spool.h"

#define MANIFEST_NAME     "SHA256SUMS"
#define MANIFEST_SIG_NAME "SHA256SUMS.sig"

/*
 * The lines of SHA256SUMS, kept so that memory does not grow with the
 * batch: they gather in one block (MANIFEST_CHUNK_BYTES, some 11,000
 * documents), which, when full, is sorted and spilled to a temporary
 * file (spool.h) as a sorted run; SHA256SUMS is the merge of the runs.
 * A batch that fits in one block never touches the disk for it.
 */
#ifndef MANIFEST_CHUNK_BYTES
#define MANIFEST_CHUNK_BYTES (1u << 20)
#endif

typedef struct manifest {
	char *chunk; /* records "HASH  NAME\0", in the order noted */
	size_t chunk_len, chunk_cap;
	uint32_t *at; /* where each record of chunk starts */
	size_t n, cap;
	spool runs;      /* the sorted runs spilled, one after another */
	off_t *run_ends; /* where each run ends in `runs` */
	size_t n_runs, cap_runs;
	int cannot_spill; /* the temporary file failed: memory it is */
	char **forgotten; /* names taken back, left out when written */
	size_t n_forgotten, cap_forgotten;
	/* manifest_name()'s names, read back when first asked for */
	char *names_text;
	const char **names;
	size_t n_names;
} manifest;

/* Zero-filled (memset or = {0}) is an empty manifest. */

/** Note a document of the batch. 0, or -1 when out of memory. */
int manifest_add(manifest *m, const char *name, const char *sha256);

/**
 * Take back a document noted before (it was not written after all). A
 * name is noted once per run (keyset.h sees to it).
 */
void manifest_forget(manifest *m, const char *name);

/** Called with the text of SHA256SUMS, a piece at a time; 0 or -1. */
typedef int (*manifest_out_fn)(void *payload, const char *text, size_t len);

/**
 * The text of SHA256SUMS, sorted by name (strcmp, bytewise), in pieces
 * to `out`. 0, or -1 when out of memory, the temporary file fails, or
 * `out` returned -1.
 */
int manifest_emit(manifest *m, manifest_out_fn out, void *payload);

/**
 * The text of SHA256SUMS in one block (malloc'd; NULL: no memory). It
 * grows with the batch: for what needs it whole (a signature).
 */
char *manifest_text(manifest *m, size_t *len);

/**
 * Write DIR/SHA256SUMS (sorted by name, the format `sha256sum -c` reads)
 * atomically, and with `signer` DIR/SHA256SUMS.sig. 0, or -1 with `why`
 * (size 256) set.
 */
int manifest_write(manifest *m, const char *dir, l2e_signer *signer,
                   l2e_ctx *ctx, char *why);

void manifest_dispose(manifest *m);

/* ---- for --prune: the list as a list of names ---- */

/*
 * These read the names back into memory once (it grows with the batch:
 * --prune keeps the last run's names in memory as well); a later add or
 * forget drops them.
 */

/** How many documents are noted. */
size_t manifest_count(const manifest *m);

/** The name of the i-th document, in name order (borrowed; i < count). */
const char *manifest_name(const manifest *m, size_t i);

/**
 * The names DIR/SHA256SUMS lists (the last run's documents), each
 * passed to `fn`; lines that are not "HASH  NAME" are left out. 0 (also
 * when there is no SHA256SUMS), or -1 when `fn` returned -1.
 */
int manifest_read_names(const char *dir,
                        int (*fn)(const char *name, void *payload),
                        void *payload);

#endif
