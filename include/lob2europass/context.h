/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/context.h - library set-up, the context and its error.
 *
 * A context holds the options (limits) and the last error. Use one context
 * per thread; contexts share nothing.
 */
#ifndef LOB2EUROPASS_CONTEXT_H
#define LOB2EUROPASS_CONTEXT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_ctx l2e_ctx;

/** Where an error came from. */
typedef enum l2e_error_class {
	L2E_ERRCLASS_NONE = 0,
	L2E_ERRCLASS_READ,
	L2E_ERRCLASS_MAP,
	L2E_ERRCLASS_WRITE,
	L2E_ERRCLASS_VALIDATE,
	L2E_ERRCLASS_FETCH,
	L2E_ERRCLASS_SIGN,
	L2E_ERRCLASS_OS
} l2e_error_class;

/**
 * The last error on a context. `file` is NULL when not applicable; `line`
 * and `column` are 1-based, 0 when unknown. `field` names the field or
 * path concerned, `rule` the mapping rule. All strings are borrowed.
 */
typedef struct l2e_error {
	int code;
	l2e_error_class klass;
	const char *message;
	const char *file;
	unsigned line;
	unsigned column;
	const char *field;
	const char *rule;
} l2e_error;

#define L2E_CTX_OPTIONS_VERSION 4

/**
 * Options and limits. Initialise with L2E_CTX_OPTIONS_INIT, then change
 * what you need. A limit of 0 means "use the default" (L2E_DEFAULT_*).
 *
 * Every limit bounds what one hostile input can make the library do.
 * Going past one is an error that names the limit: L2E_ELIMIT from the
 * call for limits on an input (the input, or with JSON Lines the one
 * document, is refused); a finding that rejects the one dossier for
 * max_items; max_diags only cuts the list of findings short (its last
 * finding says so). Version 1 of this struct ended at document_time;
 * l2e_ctx_new() still accepts it and uses the defaults for the rest.
 */
typedef struct l2e_ctx_options {
	unsigned version;
	size_t max_input_bytes;   /* one input file (CSV, XML); for JSON, which
	                             is streamed, one value (a document or a
	                             JSON Lines line); default 64 MiB */
	size_t max_depth;         /* nesting of JSON/XML; default 64 */
	size_t max_string_bytes;  /* one value: JSON string, CSV field, XML
	                             text or attribute; default 1 MiB */
	size_t max_records;       /* dossiers in one input; default 1000000 */
	size_t max_mapping_bytes; /* one mapping or code list; default 4 MiB */
	/*
	 * Seconds since 1970 written as a document's creation time when the
	 * mapping gives none (document.created); default 0, i.e.
	 * 1970-01-01T00:00:00Z. The library never reads the clock, so that
	 * identical inputs give identical documents: pass time(NULL) for the
	 * time of the run.
	 */
	long long document_time;
	/* since version 2 */
	size_t max_columns;      /* columns of one CSV table; default 1024 */
	size_t max_rows;         /* rows of one CSV table; default 1000000 */
	size_t max_number_bytes; /* one JSON number as written; default 40,
	                            at most 63 (cJSON's own limit) */
	size_t max_items;        /* items in one section (work, languages,
	                            ...) of one dossier; default 1000 */
	size_t max_diags;        /* findings kept per dossier; default 200 */
	size_t max_values;       /* values in one document (a JSON text, an
	                            XML file, the cells of one CSV table),
	                            about 130 bytes each in memory; default
	                            8000000, so about 1 GiB */
	size_t max_attributes;   /* attributes of one XML element; default
	                            256 (libxml2 checks them pairwise) */
	/* since version 3 */
	int allow_empty; /* an input without any bytes (or only white space)
	                    is no error but an input without dossiers;
	                    default 0: it is an error (L2E_EPARSE), as an
	                    export that did not arrive should be */
	/* since version 4 */
	int skip_fingerprints; /* 1: dossiers get no fingerprint
	                          (l2e_dossier_fingerprint() gives NULL),
	                          which saves hashing every record when
	                          nothing compares one run with another;
	                          default 0 */
} l2e_ctx_options;

#define L2E_CTX_OPTIONS_INIT                                                 \
	{                                                                    \
		L2E_CTX_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \
		    0, 0, 0                                                  \
	}

#define L2E_DEFAULT_MAX_INPUT_BYTES   ((size_t)64 << 20)
#define L2E_DEFAULT_MAX_DEPTH         64
#define L2E_DEFAULT_MAX_STRING_BYTES  ((size_t)1 << 20)
#define L2E_DEFAULT_MAX_RECORDS       1000000
#define L2E_DEFAULT_MAX_MAPPING_BYTES ((size_t)4 << 20)
#define L2E_DEFAULT_MAX_COLUMNS       1024
#define L2E_DEFAULT_MAX_ROWS          1000000
#define L2E_DEFAULT_MAX_NUMBER_BYTES  40
#define L2E_DEFAULT_MAX_ITEMS         1000
#define L2E_DEFAULT_MAX_DIAGS         200
#define L2E_DEFAULT_MAX_VALUES        8000000
#define L2E_DEFAULT_MAX_ATTRIBUTES    256

/**
 * Initialise the libraries underneath (libxml2; libcurl is opened and set
 * up by the first l2e_net_new() or URL, libqpdf by the first PDF, as
 * only those need them). Call once per process, before any thread of
 * yours starts.
 */
L2E_API int l2e_global_init(void);
/** Counterpart of l2e_global_init(). */
L2E_API void l2e_global_cleanup(void);

/**
 * Create a context.
 * @param[out] out   the new context; caller frees with l2e_ctx_free()
 * @param opts       options, or NULL for the defaults
 * @return 0, L2E_ENOMEM, or L2E_ERROR for an unknown options version
 */
L2E_API int l2e_ctx_new(l2e_ctx **out, const l2e_ctx_options *opts);
L2E_API void l2e_ctx_free(l2e_ctx *ctx);

/** The options in force (defaults filled in). Borrowed. */
L2E_API const l2e_ctx_options *l2e_ctx_options_get(const l2e_ctx *ctx);

/**
 * Receives findings that belong to no dossier, such as a CSV row whose
 * student is not in the main table. `diag` is valid during the call only.
 */
typedef void (*l2e_diag_cb)(const l2e_diag *diag, void *payload);

/** Set (or, with NULL, clear) the callback for such findings. */
L2E_API void l2e_ctx_set_diag_callback(l2e_ctx *ctx, l2e_diag_cb cb,
                                       void *payload);

/** The last error, or NULL when the last call succeeded. Borrowed. */
L2E_API const l2e_error *l2e_ctx_error(const l2e_ctx *ctx);

/** The library version, e.g. "0.1.0". */
L2E_API const char *l2e_version(void);

#ifdef __cplusplus
}
#endif

#endif
