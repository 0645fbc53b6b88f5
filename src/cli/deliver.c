/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * deliver.c - send each document to another system (see deliver.h).
 */
#include "deliver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FILE_PLACEHOLDER "{file}"

int deliver_open(deliver *d, const char *url, const char *method,
                 const l2e_net_options *opts, char *why, size_t why_size)
{
	size_t len = strlen(url);

	memset(d, 0, sizeof(*d));
	if (!l2e_is_url(url)) {
		snprintf(why, why_size, "--deliver takes a URL (https://...)");
		return -1;
	}
	if (!strcasecmp(method, "post"))
		d->method = "POST";
	else if (!strcasecmp(method, "put"))
		d->method = "PUT";
	else {
		snprintf(why, why_size, "--deliver-method is post or put");
		return -1;
	}
	if (!strcmp(d->method, "PUT") && !strstr(url, FILE_PLACEHOLDER) &&
	    (len == 0 || url[len - 1] != '/')) {
		snprintf(why, why_size,
		         "--deliver-method put needs a URL with %s in it, or "
		         "one ending in /, so that each document has its own "
		         "address",
		         FILE_PLACEHOLDER);
		return -1;
	}
	d->url = url;
	if (l2e_ctx_new(&d->ctx, NULL) < 0 ||
	    l2e_net_new(&d->net, d->ctx, opts) < 0) {
		const l2e_error *e = d->ctx ? l2e_ctx_error(d->ctx) : NULL;

		snprintf(why, why_size, "cannot set up delivery: %s",
		         e ? e->message : "out of memory");
		deliver_close(d);
		return -1;
	}
	return 0;
}

/* The document's address: {file} replaced, or the name appended. */
static int target(l2e_buf *out, const char *url, const char *method,
                  const char *file_name)
{
	const char *p = url, *hit;
	int has_placeholder = strstr(url, FILE_PLACEHOLDER) != NULL;
	size_t need = strlen(url) + 1;

	while ((hit = strstr(p, FILE_PLACEHOLDER))) {
		need += strlen(file_name);
		p = hit + strlen(FILE_PLACEHOLDER);
	}
	if (!has_placeholder && !strcmp(method, "PUT"))
		need += strlen(file_name);
	if (!(out->ptr = malloc(need)))
		return -1;
	out->len = 0;
	for (p = url; (hit = strstr(p, FILE_PLACEHOLDER));
	     p = hit + strlen(FILE_PLACEHOLDER)) {
		memcpy(out->ptr + out->len, p, (size_t)(hit - p));
		out->len += (size_t)(hit - p);
		memcpy(out->ptr + out->len, file_name, strlen(file_name));
		out->len += strlen(file_name);
	}
	memcpy(out->ptr + out->len, p, strlen(p));
	out->len += strlen(p);
	if (!has_placeholder && !strcmp(method, "PUT")) {
		memcpy(out->ptr + out->len, file_name, strlen(file_name));
		out->len += strlen(file_name);
	}
	out->ptr[out->len] = '\0';
	return 0;
}

int deliver_document(deliver *d, const char *file_name, l2e_format fmt,
                     const char *doc, size_t len, const char *sha256, char *why,
                     size_t why_size)
{
	l2e_buf url = L2E_BUF_INIT;
	l2e_net_request rq;
	const l2e_error *e;
	long status = 0;
	int rc;

	if (target(&url, d->url, d->method, file_name) < 0) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = d->method;
	rq.url = url.ptr;
	rq.media_type = l2e_format_media_type(fmt);
	rq.idempotency_key = sha256;
	rq.body = doc;
	rq.len = len;
	rc = l2e_net_send(d->net, d->ctx, &rq, &status);
	if (rc < 0) {
		e = l2e_ctx_error(d->ctx);
		snprintf(why, why_size, "%s not delivered: %s: %s", file_name,
		         e && e->file ? e->file : "?",
		         e ? e->message : l2e_strerror(rc));
	}
	free(url.ptr);
	return rc < 0 ? -1 : 0;
}

int deliver_has_addresses(const deliver *d)
{
	return strstr(d->url, FILE_PLACEHOLDER) || !strcmp(d->method, "PUT");
}

int deliver_remove(deliver *d, const char *file_name, char *why,
                   size_t why_size)
{
	l2e_buf url = L2E_BUF_INIT;
	l2e_net_request rq;
	const l2e_error *e;
	long status = 0;
	int rc;

	if (!deliver_has_addresses(d)) {
		snprintf(
		    why, why_size,
		    "%s not removed at the target: the "
		    "--deliver URL gives no document an address of its own",
		    file_name);
		return -1;
	}
	if (target(&url, d->url, d->method, file_name) < 0) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = "DELETE";
	rq.url = url.ptr;
	rc = l2e_net_send(d->net, d->ctx, &rq, &status);
	if (rc < 0 && (status == 404 || status == 410))
		rc = 0; /* gone already: what DELETE was for */
	if (rc < 0) {
		e = l2e_ctx_error(d->ctx);
		snprintf(why, why_size, "%s not removed at the target: %s: %s",
		         file_name, e && e->file ? e->file : "?",
		         e ? e->message : l2e_strerror(rc));
	}
	free(url.ptr);
	return rc < 0 ? -1 : 0;
}

void deliver_close(deliver *d)
{
	l2e_net_free(d->net);
	l2e_ctx_free(d->ctx);
	memset(d, 0, sizeof(*d));
}
