/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * deliver.h - send each document to another system (--deliver URL).
 *
 * POST to the URL, or PUT; "{file}" in the URL becomes the document's
 * file name (a PUT to a URL ending in "/" gets the name appended). Each
 * request carries the document's media type and its SHA-256 as
 * Idempotency-Key, so that a retried delivery is recognised.
 *
 * A document removed from the output folder (--prune) is taken back
 * with DELETE on the same address; that needs an address per document
 * ({file} in the URL, or PUT to a URL ending in "/"), never the one URL
 * every document was POSTed to.
 */
#ifndef L2E_CLI_DELIVER_H
#define L2E_CLI_DELIVER_H

#include <stddef.h>

#include <lob2europass/lob2europass.h>

typedef struct deliver {
	l2e_net *net;
	l2e_ctx *ctx;
	const char *url;
	const char *method; /* "POST" or "PUT" */
} deliver;

/** 0, or -1 with `why` set (a bad URL or method: a usage error). */
int deliver_open(deliver *d, const char *url, const char *method,
                 const l2e_net_options *opts, char *why, size_t why_size);

/** Send one document; 0, or -1 with `why` set. */
int deliver_document(deliver *d, const char *file_name, l2e_format fmt,
                     const char *doc, size_t len, const char *sha256, char *why,
                     size_t why_size);

/** 1 when each document has an address of its own (DELETE can work). */
int deliver_has_addresses(const deliver *d);

/**
 * DELETE the document `file_name` at its address, retried like a
 * delivery; an answer 404 or 410 (already gone) counts as done.
 * 0, or -1 with `why` set.
 */
int deliver_remove(deliver *d, const char *file_name, char *why,
                   size_t why_size);

void deliver_close(deliver *d);

#endif
