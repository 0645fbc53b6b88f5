/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ctx.c - context, options, errors, global init.
 */
#include "ctx.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "util/alloc.h"
#include "buf.h"
#include "core/dlib.h"
#include "core/natid.h"

/* Messages longer than this are cut (a quoted value cannot flood a log). */
#define MESSAGE_MAX 1024

#ifndef L2E_VERSION_STRING
#define L2E_VERSION_STRING "0.0.0"
#endif

const char *l2e_version(void)
{
	return L2E_VERSION_STRING;
}

const char *l2e_strerror(int code)
{
	switch (code) {
	case L2E_OK: return "success";
	case L2E_ENOTFOUND: return "not found";
	case L2E_EPARSE: return "input could not be parsed";
	case L2E_EMAPPING: return "invalid mapping";
	case L2E_ELIMIT: return "limit exceeded";
	case L2E_ENOTSUPPORTED: return "not supported";
	case L2E_EIO: return "input/output error";
	case L2E_ENET: return "network error";
	case L2E_ECRYPTO: return "cryptographic error";
	case L2E_ENOMEM: return "out of memory";
	default: return "error";
	}
}

/* A loader scoped on this thread by l2e__entity_scope(), or NULL. */
static _Thread_local l2e__entity_loader scoped_loader;
static _Thread_local void *scoped_payload;

/* No XML document we parse may load anything: not a DTD, not an
 * external entity, not over the network, not from a file. The one
 * exception is a loader scoped on the calling thread (see ctx.h). */
static xmlParserInputPtr deny_external_entities(const char *url, const char *id,
                                                xmlParserCtxtPtr ctxt)
{
	if (scoped_loader)
		return scoped_loader(url, id, ctxt, scoped_payload);
	return NULL;
}

void l2e__entity_scope(l2e__entity_loader fn, void *payload)
{
	scoped_loader = fn;
	scoped_payload = fn ? payload : NULL;
}

int l2e__entity_guard_installed(void)
{
	return xmlGetExternalEntityLoader() == deny_external_entities;
}

/* libxml2 prints what has no handler of its own (out of memory in the
 * text writer, a parser context that cannot be made); the library never
 * prints, and every error it cares about it reads from the context. */
static void quiet(void *payload, const char *msg, ...)
{
	(void)payload;
	(void)msg;
}

int l2e_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_external_entities);
	xmlSetGenericErrorFunc(NULL, quiet);       /* this thread */
	xmlThrDefSetGenericErrorFunc(NULL, quiet); /* threads to come */
	/* libcurl is opened and set up by the first URL (net/curl_lib.c):
	 * with the libraries it brings, 5 ms of a run that fetches none */
	return 0;
}

void l2e_global_cleanup(void)
{
	/* libcurl's clean-up, if a URL opened it */
	l2e__dlib_cleanup();
	xmlCleanupParser();
}

int l2e_ctx_new(l2e_ctx **out, const l2e_ctx_options *opts)
{
	l2e_ctx *ctx;

	L2E_ASSERT_ARG(out);
	*out = NULL;
	if (opts && opts->version != L2E_CTX_OPTIONS_VERSION &&
	    opts->version != 1 && opts->version != 2 && opts->version != 3)
		return L2E_ERROR;
	ctx = l2e__calloc(1, sizeof(*ctx));
	if (!ctx)
		return L2E_ENOMEM;
	/* a version 1 struct ends before max_columns: copy only that */
	if (opts && opts->version == 1)
		memcpy(&ctx->opts, opts,
		       offsetof(l2e_ctx_options, max_columns));
	else if (opts && opts->version == 2) /* ends before allow_empty */
		memcpy(&ctx->opts, opts,
		       offsetof(l2e_ctx_options, allow_empty));
	else if (opts && opts->version == 3) /* ends before skip_fingerprints */
		memcpy(&ctx->opts, opts,
		       offsetof(l2e_ctx_options, skip_fingerprints));
	else if (opts)
		ctx->opts = *opts;
	ctx->opts.version = L2E_CTX_OPTIONS_VERSION;
	if (!ctx->opts.max_input_bytes)
		ctx->opts.max_input_bytes = L2E_DEFAULT_MAX_INPUT_BYTES;
	if (!ctx->opts.max_depth)
		ctx->opts.max_depth = L2E_DEFAULT_MAX_DEPTH;
	if (!ctx->opts.max_string_bytes)
		ctx->opts.max_string_bytes = L2E_DEFAULT_MAX_STRING_BYTES;
	if (!ctx->opts.max_records)
		ctx->opts.max_records = L2E_DEFAULT_MAX_RECORDS;
	if (!ctx->opts.max_mapping_bytes)
		ctx->opts.max_mapping_bytes = L2E_DEFAULT_MAX_MAPPING_BYTES;
	if (!ctx->opts.max_columns)
		ctx->opts.max_columns = L2E_DEFAULT_MAX_COLUMNS;
	if (!ctx->opts.max_rows)
		ctx->opts.max_rows = L2E_DEFAULT_MAX_ROWS;
	if (!ctx->opts.max_number_bytes)
		ctx->opts.max_number_bytes = L2E_DEFAULT_MAX_NUMBER_BYTES;
	if (ctx->opts.max_number_bytes > 63) /* cJSON reads no more */
		ctx->opts.max_number_bytes = 63;
	if (!ctx->opts.max_items)
		ctx->opts.max_items = L2E_DEFAULT_MAX_ITEMS;
	if (!ctx->opts.max_diags)
		ctx->opts.max_diags = L2E_DEFAULT_MAX_DIAGS;
	if (!ctx->opts.max_values)
		ctx->opts.max_values = L2E_DEFAULT_MAX_VALUES;
	if (!ctx->opts.max_attributes)
		ctx->opts.max_attributes = L2E_DEFAULT_MAX_ATTRIBUTES;
	*out = ctx;
	return 0;
}

void l2e_ctx_free(l2e_ctx *ctx)
{
	if (!ctx)
		return;
	l2e__error_clear(ctx);
	l2e__free(ctx);
}

const l2e_ctx_options *l2e_ctx_options_get(const l2e_ctx *ctx)
{
	return ctx ? &ctx->opts : NULL;
}

const l2e_error *l2e_ctx_error(const l2e_ctx *ctx)
{
	return ctx && ctx->has_error ? &ctx->err : NULL;
}

void l2e_ctx_set_diag_callback(l2e_ctx *ctx, l2e_diag_cb cb, void *payload)
{
	if (!ctx)
		return;
	ctx->diag_cb = cb;
	ctx->diag_payload = payload;
}

void l2e__ctx_warn(l2e_ctx *ctx, const char *file, unsigned line,
                   unsigned column, const char *fmt, ...)
{
	l2e_buf raw = L2E_BUF_INIT, msg = L2E_BUF_INIT;
	l2e_diag d;
	va_list ap;

	if (!ctx->diag_cb)
		return;
	va_start(ap, fmt);
	l2e__buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	if (raw.ptr && l2e__natid_safe_text(&msg, raw.ptr, MESSAGE_MAX) < 0)
		l2e_buf_dispose(&msg);
	memset(&d, 0, sizeof(d));
	d.severity = L2E_SEVERITY_WARNING;
	d.message = msg.ptr ? msg.ptr : "out of memory";
	d.file = file;
	d.line = line;
	d.column = column;
	ctx->diag_cb(&d, ctx->diag_payload);
	l2e_buf_dispose(&raw);
	l2e_buf_dispose(&msg);
}

/* A copy of `s` fit for a message (core/natid.h), or NULL. */
static char *safe_copy(const char *s)
{
	l2e_buf out = L2E_BUF_INIT;

	if (!s)
		return NULL;
	if (l2e__natid_safe_text(&out, s, MESSAGE_MAX) < 0) {
		l2e_buf_dispose(&out);
		return NULL;
	}
	return l2e__buf_detach(&out);
}

void l2e__error_clear(l2e_ctx *ctx)
{
	l2e__free(ctx->err_message);
	l2e__free(ctx->err_file);
	l2e__free(ctx->err_field);
	l2e__free(ctx->err_rule);
	memset(&ctx->err, 0, sizeof(ctx->err));
	ctx->err_message = ctx->err_file = NULL;
	ctx->err_field = ctx->err_rule = NULL;
	ctx->has_error = 0;
}

int l2e__error_vset_at(l2e_ctx *ctx, int code, l2e_error_class klass,
                       const char *file, unsigned line, unsigned column,
                       const char *field, const char *fmt, va_list ap)
{
	l2e_buf msg = L2E_BUF_INIT;

	l2e__error_clear(ctx);
	if (l2e__buf_vprintf(&msg, fmt, ap) < 0)
		l2e_buf_dispose(&msg);
	/* no national identifier, control character or runaway length in
	 * a message, whatever was quoted into it */
	ctx->err_message = safe_copy(msg.ptr); /* NULL when out of memory */
	l2e_buf_dispose(&msg);
	ctx->err_file = l2e__strdup(file);
	ctx->err_field = safe_copy(field);
	ctx->err.code = code;
	ctx->err.klass = klass;
	ctx->err.message =
	    ctx->err_message ? ctx->err_message : l2e_strerror(code);
	ctx->err.file = ctx->err_file;
	ctx->err.line = line;
	ctx->err.column = column;
	ctx->err.field = ctx->err_field;
	ctx->err.rule = NULL;
	ctx->has_error = 1;
	return code;
}

int l2e__error_set(l2e_ctx *ctx, int code, l2e_error_class klass,
                   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__error_vset_at(ctx, code, klass, NULL, 0, 0, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int l2e__error_set_at(l2e_ctx *ctx, int code, l2e_error_class klass,
                      const char *file, unsigned line, unsigned column,
                      const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__error_vset_at(ctx, code, klass, file, line, column, field, fmt,
	                   ap);
	va_end(ap);
	return code;
}
