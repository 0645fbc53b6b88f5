/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * batch.h - convert many dossiers on several threads, emit them in order.
 *
 * The main thread splits inputs into chunks (l2e_input_next_chunk) and
 * queues them; --jobs less one worker threads and the main thread, each
 * with its own context, convert chunks into results (dossier, findings,
 * documents); the main thread hands the results to `emit` strictly in
 * input order. So the output is the same for any number of threads,
 * memory holds at most a window of chunks, never the whole input, and
 * --jobs N keeps N threads busy, not N + 1 (--jobs 1: no worker).
 */
#ifndef L2E_CLI_BATCH_H
#define L2E_CLI_BATCH_H

#include <stddef.h>

#include <lob2europass/lob2europass.h>

#define BATCH_MAX_FORMATS 8

typedef enum batch_status {
	BATCH_OK = 0,
	BATCH_SKIPPED,   /* left out on purpose (e.g. no consent) */
	BATCH_REJECTED,  /* could not be converted */
	BATCH_UNCHANGED, /* --skip-unchanged: nothing changed since last run */
	BATCH_ERROR,     /* a document or an input could not be read */
	BATCH_NOTE,      /* findings about an input, not about a dossier */
	BATCH_REMOVED    /* --prune: a document of an earlier run removed */
} batch_status;

/* A finding, with its strings owned by the result. */
typedef struct batch_diag {
	l2e_severity severity;
	char *message;
	char *file;
	unsigned line;
	unsigned column;
	char *field;
} batch_diag;

/* One document of a format that makes several per dossier (EDC). */
typedef struct batch_part {
	char *name;    /* between the stem and the extension: "work-2" */
	size_t offset; /* where it is in the format's docs[] buffer */
	size_t len;
} batch_part;

typedef struct batch_result {
	batch_status status;
	const char *input; /* the input's name */
	char *key;         /* raw key, NULL when none */
	char *stem;        /* safe file-name stem */
	char *fingerprint;
	batch_diag *diags;
	size_t n_diags;
	l2e_buf docs[BATCH_MAX_FORMATS]; /* one per format, when converted */
	/* formats with parts (l2e_format_has_parts): docs[i] holds them all,
	 * one after the other, and parts[i] says where each one is */
	batch_part *parts[BATCH_MAX_FORMATS];
	size_t n_parts[BATCH_MAX_FORMATS];
	int error_code;       /* BATCH_ERROR: the l2e_code */
	int exit_code;        /* BATCH_ERROR: what it means for the run */
	l2e_dossier *pending; /* merging: converted at the end (batch.c) */
} batch_result;

/* Asks whether a dossier may be skipped (--skip-unchanged). */
typedef int (*batch_unchanged_fn)(const char *stem, const char *fingerprint,
                                  void *payload);

typedef struct batch_config {
	const l2e_mapping *map;
	const l2e_ctx_options *opts;
	const l2e_format *formats;
	size_t n_formats;
	int jobs;          /* threads converting, the calling one included */
	int shard_k;       /* keep shard K of shard_n (batch_shard_of) */
	int shard_n;       /* 0 or 1: every dossier */
	l2e_net *net;      /* for URL inputs; may be NULL */
	int as_json_lines; /* documents as {"key","format","document"} lines */
	batch_unchanged_fn unchanged; /* may be NULL */
	void *unchanged_payload;
	/* Called on the main thread, in input order; may call batch_stop. */
	void (*emit)(const batch_result *r, void *payload);
	void *payload;
} batch_config;

typedef struct batch batch;

/**
 * The shard, 1 to n, of a dossier (--shard K/N) from its key as made
 * safe for a file name (l2e_dossier_file_stem: the key itself for a
 * student number), so that two keys that would share a file share a
 * shard and the first-one-stands rule holds in it as in a single run:
 * the 64-bit FNV-1a hash of its bytes (offset basis 0xcbf29ce484222325,
 * prime 0x100000001b3), modulo n, plus one. A dossier without a key is
 * in shard 1. Stable across versions, machines, --jobs and input
 * order: the README documents it.
 */
int batch_shard_of(const char *key, int n);

/** Start the workers (none for one job). 0, or -1 (no memory). */
int batch_start(batch **out, const batch_config *config);

/**
 * Convert one input (a file, a folder, "-", a URL); returns when it is
 * queued.
 */
void batch_add_input(batch *b, l2e_ctx *ctx, const char *path);

/** Stop taking work: what is queued is still emitted. */
void batch_stop(batch *b);

/** Wait for everything, emit the rest, stop the workers, free. */
void batch_finish(batch *b);

#endif
