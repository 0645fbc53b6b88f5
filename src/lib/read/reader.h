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

#include "core/ctx.h"
#include "model/record.h"

typedef struct l2e__reader {
	const char *name;  /* the mapping's source.format */
	/* Prepare to read `len` bytes at `data` (borrowed until close). */
	int (*open)(void **state, l2e_ctx *ctx, const char *name,
	            const char *data, size_t len);
	/* The next document's tree in `pool`; *root NULL at the end. */
	int (*next)(l2e__node **root, l2e__pool *pool, l2e_ctx *ctx,
	            void *state);
	void (*close)(void *state);
} l2e__reader;

const l2e__reader *l2e__reader_find(const char *name);

extern const l2e__reader l2e__reader_json;

#endif
