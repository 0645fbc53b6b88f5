/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * manifest.h - DIR/SHA256SUMS for the documents of a batch, and its
 * signature DIR/SHA256SUMS.sig.
 */
#ifndef L2E_CLI_MANIFEST_H
#define L2E_CLI_MANIFEST_H

#include <stddef.h>

#include <lob2europass/lob2europass.h>

#define MANIFEST_NAME     "SHA256SUMS"
#define MANIFEST_SIG_NAME "SHA256SUMS.sig"

typedef struct manifest_entry {
	char *name; /* a plain file name in the output folder */
	char sha256[L2E_SHA256_HEX_SIZE];
} manifest_entry;

typedef struct manifest {
	manifest_entry *entries;
	size_t n, cap;
} manifest;

/** Note a document of the batch. 0, or -1 when out of memory. */
int manifest_add(manifest *m, const char *name, const char *sha256);

/** Take back a document noted before (it was not written after all). */
void manifest_forget(manifest *m, const char *name);

/** The text of SHA256SUMS, sorted by name (malloc'd; NULL: no memory). */
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

/** How many documents are noted. */
size_t manifest_count(const manifest *m);

/** The name of the i-th document noted (borrowed; i < count). */
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
