/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ctx.h - the context's insides and the error setters.
 *
 * Errors are stored on the context (SQLite's sqlite3_errmsg model): every
 * public entry point clears the error first; a failing function records
 * one with l2e__error_set*(), which returns the code for a one-line
 * `return l2e__error_set(...)`.
 */
#ifndef L2E_CORE_CTX_H
#define L2E_CORE_CTX_H

#include <stdarg.h>

#include "lob2europass/context.h"

struct l2e_ctx {
	l2e_ctx_options opts;
	l2e_error err;
	int has_error;
	char *err_message;
	char *err_file;
	char *err_field;
	char *err_rule;
	l2e_diag_cb diag_cb;
	void *diag_payload;
};

/** Report a finding that belongs to no dossier (a warning). */
void l2e__ctx_warn(l2e_ctx *ctx, const char *file, unsigned line,
                   unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

void l2e__error_clear(l2e_ctx *ctx);

int l2e__error_set(l2e_ctx *ctx, int code, l2e_error_class klass,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** As l2e__error_set(), with a place: file, line, column, field. */
int l2e__error_set_at(l2e_ctx *ctx, int code, l2e_error_class klass,
                      const char *file, unsigned line, unsigned column,
                      const char *field, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/** As l2e__error_set_at(), with a va_list: for a caller's own fail(). */
int l2e__error_vset_at(l2e_ctx *ctx, int code, l2e_error_class klass,
                       const char *file, unsigned line, unsigned column,
                       const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 8, 0)));

/*
 * XML external entities. The loader l2e_global_init() installs refuses
 * them all. A caller that must read trusted files through libxml2 (the
 * XSD validator, loading its schema set) scopes its own loader on the
 * calling thread around that one call: `fn` gets what libxml2's
 * xmlExternalEntityLoader gets, plus `payload`, and returns an
 * xmlParserInputPtr or NULL. Other threads are unaffected; NULL ends the
 * scope.
 */
typedef void *(*l2e__entity_loader)(const char *url, const char *id,
                                    void *parser_ctxt, void *payload);
void l2e__entity_scope(l2e__entity_loader fn, void *payload);
/** 1 when the refusing loader of l2e_global_init() is in place. */
int l2e__entity_guard_installed(void);

/** Programmer error (NULL handle): an assert in debug builds. */
#ifdef NDEBUG
#define L2E_ASSERT_ARG(x)                 \
	do {                              \
		if (!(x))                 \
			return L2E_ERROR; \
	} while (0)
#else
#include <assert.h>
#define L2E_ASSERT_ARG(x)                 \
	do {                              \
		assert(x);                \
		if (!(x))                 \
			return L2E_ERROR; \
	} while (0)
#endif

#endif
