/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/schemas.h - the official Europass schemas in a folder,
 * checked against SHA-256 sums pinned in this library.
 *
 *     l2e_schemas_status()   is the set in a folder complete and as pinned?
 *     l2e_schemas_install()  put the set into a folder, all or nothing
 *
 * The set is the Europass v3.4.1 XML schemas (with a catalog.xml that
 * maps their absolute URLs to the local copies) and the v3.4.1 JSON
 * schema, laid out as l2e_validate_options.schema_dir expects:
 * DIR/v3.4.1/xsd/EuropassSchema.xsd ... DIR/v3.4.1/jsonschema/
 * Europass_JSONSchema_V3.4.1.json. Every file has its SHA-256 pinned
 * here; a file with another digest is refused, wherever it comes from.
 */
#ifndef LOB2EUROPASS_SCHEMAS_H
#define LOB2EUROPASS_SCHEMAS_H

#include "context.h"
#include "net.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What became of one file of the set. */
typedef enum l2e_schema_file_state {
	L2E_SCHEMA_FILE_OK = 0,      /* there, with its pinned SHA-256 */
	L2E_SCHEMA_FILE_MISSING = 1, /* absent or unreadable (see reason) */
	L2E_SCHEMA_FILE_CHANGED = 2  /* there, with another SHA-256 */
} l2e_schema_file_state;

/** One file of the set, as a callback sees it; every pointer borrowed. */
typedef struct l2e_schema_file {
	const char *path;   /* in the schema folder: "v3.4.1/xsd/Skill.xsd" */
	const char *pinned; /* its SHA-256 pinned here (hex) */
	const char *found;  /* the SHA-256 of what was read; NULL: MISSING */
	const char *source; /* where it was read (a path or a URL) */
	const char *reason; /* MISSING: why ("no such file"); else NULL */
	l2e_schema_file_state state;
} l2e_schema_file;

typedef void (*l2e_schema_file_cb)(const l2e_schema_file *f, void *payload);

/** The version of the pinned set: "3.4.1". */
L2E_API const char *l2e_schemas_version(void);

/** The number of files in the pinned set. */
L2E_API size_t l2e_schemas_count(void);

/**
 * Check the set in the schema folder `dir`: `cb` (may be NULL) gets each
 * file of the set in turn.
 * @param[out] n_ok  files there with their pinned digest (may be NULL);
 *                   the set is installed when it equals the count
 * @return 0 whatever the files' states, or L2E_ENOMEM
 */
L2E_API int l2e_schemas_status(l2e_ctx *ctx, const char *dir,
                               l2e_schema_file_cb cb, void *payload,
                               size_t *n_ok);

/**
 * Install the set into the schema folder `dir` (made when absent) from
 * `from`: a folder laid out as a schema folder, an https:// URL of one,
 * or NULL for the upstream copies over HTTPS (the Europass repository
 * of Cedefop on GitHub, at a pinned commit). `net` fetches the URLs
 * (borrowed; may be NULL when `from` is a folder). catalog.xml is this
 * library's own and is written from it.
 *
 * Every file is read and checked before anything is written; `cb` (may
 * be NULL) gets each with its state. Only a complete set is written:
 * into a temporary folder in `dir`, which then replaces dir/v3.4.1. A
 * refused set leaves `dir` as it was.
 * @return 0; L2E_ECRYPTO (a file is not as pinned) or L2E_ENOTFOUND (a
 *         file is missing): `cb` said which; L2E_ENET, L2E_ELIMIT,
 *         L2E_EIO (cannot write in `dir`), L2E_ENOMEM
 */
L2E_API int l2e_schemas_install(l2e_ctx *ctx, const char *dir, const char *from,
                                l2e_net *net, l2e_schema_file_cb cb,
                                void *payload);

#ifdef __cplusplus
}
#endif

#endif
