/*
 * reader.h - the reader interface: export bytes in, record trees out.
 *
 * A reader turns one input into a sequence of documents (a JSON file
 * may hold several values in a row, one per line in JSON Lines), each a
 * record tree. The mapping's `records` paths then pick the dossier
 * records out of each document. Every reader produces the same kind of
 * tree, so the mapping engine never knows which reader ran. A new input
 * format is one file plus one line in reader.c.
 */
#ifndef L2E_READ_READER_H
#define L2E_READ_READER_H

#include <stdio.h>

#include "core/ctx.h"
#include "model/record.h"

/* One table of a CSV bundle. */
typedef struct l2e__csv_table {
	const char *name; /* member name in the tree */
	const char *file; /* file name inside the bundle folder */
	int is_main;      /* one row per student: the dossier records */
} l2e__csv_table;

/* What a mapping's "source" says about reading an export. */
typedef struct l2e__source {
	const char *format;     /* "json", "csv", "xml" */
	const char *encoding;   /* NULL: detect; "utf-8"; "windows-1252" */
	char separator;         /* CSV; 0: detect ';' or ',' */
	const char *key_column; /* CSV: the column joining the tables */
	unsigned key_width;     /* CSV: zero-pad numeric keys to this */
	l2e__csv_table *tables; /* CSV */
	size_t n_tables;
	const char *records_xpath; /* XML: selects the dossier records */
	const char **ns_prefixes;  /* XML: namespaces for the XPath */
	const char **ns_uris;
	size_t n_namespaces;
} l2e__source;

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
typedef struct l2e__reader {
	const char *name; /* the mapping's source.format */
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
} l2e__reader;

const l2e__reader *l2e__reader_find(const char *name);

extern const l2e__reader l2e__reader_json;
extern const l2e__reader l2e__reader_csv;
extern const l2e__reader l2e__reader_xml;

#endif
