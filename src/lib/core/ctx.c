/*
 * ctx.c - context, options, errors, global init.
 */
#include "ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "alloc.h"
#include "buf.h"

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

/* No XML document we parse may load anything: not a DTD, not an
 * external entity, not over the network, not from a file. */
static xmlParserInputPtr deny_external_entities(const char *url, const char *id,
                                                xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

int l2e_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_external_entities);
	return 0;
}

void l2e_global_cleanup(void)
{
	xmlCleanupParser();
}

int l2e_ctx_new(l2e_ctx **out, const l2e_ctx_options *opts)
{
	l2e_ctx *ctx;

	L2E_ASSERT_ARG(out);
	*out = NULL;
	if (opts && opts->version != L2E_CTX_OPTIONS_VERSION)
		return L2E_ERROR;
	ctx = l2e__calloc(1, sizeof(*ctx));
	if (!ctx)
		return L2E_ENOMEM;
	if (opts)
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
	l2e_buf msg = L2E_BUF_INIT;
	l2e_diag d;
	va_list ap;

	if (!ctx->diag_cb)
		return;
	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	memset(&d, 0, sizeof(d));
	d.severity = L2E_SEVERITY_WARNING;
	d.message = msg.ptr ? msg.ptr : "out of memory";
	d.file = file;
	d.line = line;
	d.column = column;
	ctx->diag_cb(&d, ctx->diag_payload);
	l2e_buf_dispose(&msg);
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

static int error_vset(l2e_ctx *ctx, int code, l2e_error_class klass,
                      const char *file, unsigned line, unsigned column,
                      const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 8, 0)));

static int error_vset(l2e_ctx *ctx, int code, l2e_error_class klass,
                      const char *file, unsigned line, unsigned column,
                      const char *field, const char *fmt, va_list ap)
{
	l2e_buf msg = L2E_BUF_INIT;

	l2e__error_clear(ctx);
	if (l2e__buf_vprintf(&msg, fmt, ap) < 0)
		l2e_buf_dispose(&msg);
	ctx->err_message = msg.ptr; /* NULL when out of memory */
	ctx->err_file = l2e__strdup(file);
	ctx->err_field = l2e__strdup(field);
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
	error_vset(ctx, code, klass, NULL, 0, 0, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int l2e__error_set_at(l2e_ctx *ctx, int code, l2e_error_class klass,
                      const char *file, unsigned line, unsigned column,
                      const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(ctx, code, klass, file, line, column, field, fmt, ap);
	va_end(ap);
	return code;
}
