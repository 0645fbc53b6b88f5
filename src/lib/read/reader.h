/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * reader.h - the reader interface: export bytes in, record trees out.
 *
 * A reader turns one input into a sequence of documents (a JSON file
 * may hold several values in a row, one per line in JSON Lines), each a
 * record tree. The mapping's `records` paths then pick the dossier
 * records out of each document. Every reader produces the same kind of
 * tree, so the mapping engine never knows which reader ran. Each reader
 * also compiles its own keys of the mapping's "source" (options[], into a
 * blob only it reads), so the mapping compiler knows no reader either. A
 * new input format is one file plus one line in reader.c.
 */
#ifndef L2E_READ_READER_H
#define L2E_READ_READER_H

#include <stdarg.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "model/record.h"

typedef struct l2e__reader l2e__reader;

/*
 * What a mapping's "source" says about reading an export. The reader
 * compiled its own options (CSV separator and tables, XML namespaces and
 * XPath, ...) into `opts`, which only that reader reads; the rest is what
 * the others need to know about any reader.
 */
typedef struct l2e__source {
	const l2e__reader *reader;
	const char *format;  /* reader->name */
	const void *opts;    /* the reader's private options; NULL: none */
	size_t n_tables;     /* files of a folder input (a CSV bundle) */
	int has_own_records; /* the reader selects the dossier records */
} l2e__source;

/*
 * Compiling a reader's options: the mapping compiler as a reader sees it.
 * Options come from the mapping's pool and live as long as the mapping;
 * every mistake goes to `fail`, which adds the mapping file, line:col and
 * check mode's report. So a reader checks its options as precisely as
 * the mapping compiler checks the rest, and never includes map/.
 */
typedef struct l2e__optc l2e__optc;
struct l2e__optc {
	l2e__pool *pool;
	/* Report `msg` at `at`; returns L2E_EMAPPING. */
	int (*fail)(l2e__optc *oc, const l2e__node *at, const char *msg);
	/* Out of memory; returns L2E_ENOMEM. */
	int (*oom)(l2e__optc *oc);
};

/*
 * One key of a reader's options. `compile` turns the key's value `v` into
 * the reader's options blob `opts`. A row with `refusal` names a key of
 * other readers that this one refuses, and why ("JSON is always UTF-8").
 */
typedef struct l2e__option {
	const char *key;
	int (*compile)(l2e__optc *oc, void *opts, const l2e__node *v);
	const char *refusal;
} l2e__option;

/* The bytes of one document, as split() finds them. */
typedef struct l2e__piece {
	const char *data; /* valid until the next split() */
	size_t len;
	unsigned line; /* where the document starts in the input */
	unsigned column;
} l2e__piece;

/*
 * A reader either splits its input cheaply into documents that are
 * parsed later, maybe on another thread (split + parse: JSON), or reads
 * its whole input as one document (next: CSV bundles, XML).
 */
struct l2e__reader {
	const char *name;  /* the mapping's source.format */
	const char *label; /* in messages: "CSV" */
	/* An API's pages of this format can be followed (source.paging). */
	int is_pageable;
	/* The "source" keys this reader reads, compiled in this order. */
	const l2e__option *options;
	size_t n_options;
	size_t opts_size; /* bytes of the options blob, zeroed first */
	/*
	 * Optional: after the keys, checks across them (a key another
	 * needs) and what others must know (src->n_tables,
	 * src->has_own_records). `source` is the mapping's source object.
	 */
	int (*options_done)(l2e__optc *oc, void *opts, l2e__source *src,
	                    const l2e__node *source);
	/* Prepare to read `len` bytes at `data` (borrowed until close). */
	int (*open)(void **state, l2e_ctx *ctx, const l2e__source *src,
	            const char *name, const char *data, size_t len);
	/* Optional: read from an open file, a little at a time. */
	int (*open_file)(void **state, l2e_ctx *ctx, const l2e__source *src,
	                 const char *name, FILE *f);
	/* Optional: open a folder (a CSV bundle) instead of one file. */
	int (*open_dir)(void **state, l2e_ctx *ctx, const l2e__source *src,
	                const char *path);
	/* Splitting readers: the next document's bytes; 0 at the end. */
	int (*split)(l2e__piece *out, l2e_ctx *ctx, void *state);
	/* Splitting readers: a document's bytes into a tree in `pool`. */
	int (*parse)(l2e__node **root, l2e__pool *pool, l2e_ctx *ctx,
	             const l2e__source *src, const char *name,
	             const l2e__piece *piece);
	/*
	 * Whole-input readers: the document's tree in `pool`; *root NULL at
	 * the end. A reader that selects the dossier records itself (XML
	 * with XPath) sets *records and *n_records; otherwise *records is
	 * NULL and the mapping's record paths apply.
	 */
	int (*next)(l2e__node **root, l2e__node ***records, size_t *n_records,
	            l2e__pool *pool, l2e_ctx *ctx, void *state);
	void (*close)(void *state);
};

const l2e__reader *l2e__reader_find(const char *name);
/** The i-th reader of the table, or NULL past its end. */
const l2e__reader *l2e__reader_at(size_t i);
/** 1 when `r` reads the source key `key` (rather than refusing it). */
int l2e__reader_takes(const l2e__reader *r, const char *key);
/** Append the labels of the readers that `has`: "CSV", "CSV and XML". */
void l2e__reader_labels(l2e_buf *out,
                        int (*has)(const l2e__reader *r, const char *key),
                        const char *key);

/* ==== Helpers for compiling options (optc.c) ==== */

/** Report a printf-style message at `at`; returns L2E_EMAPPING. */
int l2e__optc_bad(l2e__optc *oc, const l2e__node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** As l2e__optc_bad(), at the member name of `at` rather than its value. */
int l2e__optc_bad_key(l2e__optc *oc, const l2e__node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** 0 when `n` is of `kind`, else "WHAT must be KIND, not KIND". */
int l2e__optc_expect(l2e__optc *oc, const l2e__node *n, l2e__node_kind kind,
                     const char *what);
/** A scalar (string, number, true/false) as text in the pool. */
int l2e__optc_text(l2e__optc *oc, const l2e__node *n, const char **out,
                   const char *what);
/**
 * Key tables, the readers' options and the mapping's keys alike: `n`
 * rows of `size` bytes, each beginning with its key (a const char *).
 * The row for `key`, or NULL.
 */
const void *l2e__row_find(const void *rows, size_t n, size_t size,
                          const char *key);
/** Every member of `obj` has a row: else "unknown key" at its name. */
int l2e__optc_check_rows(l2e__optc *oc, const l2e__node *obj, const void *rows,
                         size_t n, size_t size, const char *what);
/** The row of `options` for `key`, or NULL. */
const l2e__option *l2e__option_find(const l2e__option *options, size_t n,
                                    const char *key);
/** Every member of `obj` has a row in `options`: else "unknown key". */
int l2e__optc_check_keys(l2e__optc *oc, const l2e__node *obj,
                         const l2e__option *options, size_t n,
                         const char *what);
/** Compile the members of `obj` in the order of `options` into `out`. */
int l2e__optc_compile(l2e__optc *oc, void *out, const l2e__node *obj,
                      const l2e__option *options, size_t n);
/** "encoding": NULL (auto, detect), "utf-8" or "windows-1252". */
int l2e__optc_encoding(l2e__optc *oc, const char **out, const l2e__node *v);

extern const l2e__reader l2e__reader_json;
extern const l2e__reader l2e__reader_csv;
extern const l2e__reader l2e__reader_xml;

#endif
