/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/validate.h - is a document a valid Europass document?
 *
 *     l2e_validator_new()    load and compile the official schemas, once
 *     l2e_validate_file()    one document in, one report out
 *     l2e_report_*()         kind, version, verdict and findings
 *
 * A document is detected first: Europass v3 XML (SkillsPassport, from its
 * XSDVersion), Europass v3 JSON, the Europass CV XML (Candidate), an older
 * Europass version (v1.x, v2.0, v3.0-v3.3), or not a Europass document.
 * An older version is reported as such (an error: the portal takes only
 * v3.4) and, unless upgrade_older is 0, checked as `upgrade` would make
 * it (lob2europass/upgrade.h): the report says what an upgrade changes
 * and its findings point at the original's lines. A Europass PDF is
 * checked through the XML attached to it. Then:
 *
 *  - schema validation against the official v3.4.1 schemas, when the
 *    validator found them: the XSD for v3 XML (libxml2, offline), the
 *    JSON schema (draft-04) for v3 JSON. There is no official schema for
 *    the CV XML. Without schema files the step is skipped and the report
 *    says so (l2e_report_schema_status()); it never passes silently;
 *  - built-in checks that need no files and always run: the structure of
 *    each format, dates that exist, From <= To, CEFR levels A1-C2, EQF
 *    levels 1-8, country and language codes from Europass's lists, and a
 *    warning for a value that looks like a national identifier (BSN,
 *    onderwijsnummer, ECK iD). Messages never quote such a value.
 *
 * An invalid document is a result, not an error: l2e_validate_*() return
 * 0 and a report whose verdict is "invalid". They return an error only
 * when validation could not run (the file cannot be read, out of memory).
 *
 * Threads: a validator is used by one thread at a time, with its context.
 * For parallel work give every thread its own context and validator; each
 * compiles its own copy of the schemas (libxml2 documents no guarantee
 * that a compiled XSD may be shared by threads validating at once).
 * Reports are independent of the validator and of each other.
 */
#ifndef LOB2EUROPASS_VALIDATE_H
#define LOB2EUROPASS_VALIDATE_H

#include "context.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_validator l2e_validator;
typedef struct l2e_report l2e_report;

/** What a document turned out to be. */
typedef enum l2e_doc_kind {
	L2E_DOC_NOT_EUROPASS = 0, /* neither of the below, or unreadable */
	L2E_DOC_V3_XML = 1,       /* Europass v3.4 XML (SkillsPassport) */
	L2E_DOC_V3_JSON = 2,      /* Europass v3.4 JSON (SkillsPassport) */
	L2E_DOC_CV_XML = 3,       /* Europass CV XML (Candidate) */
	L2E_DOC_OLDER = 4,        /* an older Europass version; see
	                             l2e_report_version() */
	L2E_DOC_EDC = 5           /* a European Digital Credential (ELM 3.1
	                             JSON-LD), also in its upload wrapper */
} l2e_doc_kind;

/** What became of the schema step for one document. */
typedef enum l2e_schema_status {
	L2E_SCHEMA_NOT_APPLICABLE = 0, /* no official schema for the kind */
	L2E_SCHEMA_VALID = 1,          /* the official schema accepts it */
	L2E_SCHEMA_INVALID = 2,        /* the official schema rejects it */
	L2E_SCHEMA_SKIPPED = 3         /* no schema files were available */
} l2e_schema_status;

#define L2E_VALIDATE_OPTIONS_VERSION 2

/** Initialise with L2E_VALIDATE_OPTIONS_INIT, then change what you need. */
typedef struct l2e_validate_options {
	unsigned version;
	/*
	 * A folder laid out as the official distribution: v3.4.1/xsd/
	 * (EuropassSchema.xsd and its catalog.xml) and v3.4.1/jsonschema/
	 * (Europass_JSONSchema_V3.4.1.json). NULL: built-in checks only.
	 */
	const char *schema_dir;
	/*
	 * Nonzero: a schema_dir without the schema files is an error
	 * (L2E_ENOTFOUND) instead of a skipped step.
	 */
	int require_schemas;
	/* Findings kept per report; 0: 1000. Past it, one finding (rule
	 * "too-many") says that the rest were left out; the counts and the
	 * verdict still take every finding into account. */
	size_t max_findings;
	/* since version 2: nonzero (the default) checks an older version
	 * as upgraded to v3.4; 0 only reports its version (version 1's
	 * behaviour) */
	int upgrade_older;
} l2e_validate_options;

#define L2E_VALIDATE_OPTIONS_INIT                           \
	{                                                   \
		L2E_VALIDATE_OPTIONS_VERSION, NULL, 0, 0, 1 \
	}

/**
 * Create a validator: load and compile the schemas found in
 * opts->schema_dir. Schema files load only from that folder (absolute
 * schema locations are mapped to it by its catalog.xml), never from the
 * network. Needs l2e_global_init().
 * @param[out] out  the validator; caller frees with l2e_validator_free()
 * @param ctx       borrowed; must outlive the validator; errors go here
 * @param opts      options, or NULL for the defaults (no schemas)
 * @return 0; L2E_ENOTFOUND (schemas required but absent); L2E_EPARSE (a
 *         schema does not load or compile; details on the context);
 *         L2E_ENOTSUPPORTED (the JSON schema uses a keyword this
 *         validator does not implement); L2E_ENOMEM; L2E_ERROR
 */
L2E_API int l2e_validator_new(l2e_validator **out, l2e_ctx *ctx,
                              const l2e_validate_options *opts);

L2E_API void l2e_validator_free(l2e_validator *v);

/**
 * One line saying which schema step is skipped for lack of schema files
 * and where they were looked for, or NULL when every schema loaded.
 * Borrowed from the validator.
 */
L2E_API const char *l2e_validator_schema_note(const l2e_validator *v);

/**
 * Validate the document at `path` ("-": standard input), read with the
 * context's max_input_bytes limit.
 * @param[out] out  the report; caller frees with l2e_report_free()
 * @return 0 (valid or not: see the report); L2E_ENOTFOUND, L2E_EIO or
 *         L2E_ELIMIT when the file cannot be read; L2E_ENOMEM
 */
L2E_API int l2e_validate_file(l2e_report **out, l2e_validator *v,
                              const char *path);

/**
 * Validate a document in memory. `name` is the file name used in the
 * report. The bytes are borrowed for the call only.
 * @param[out] out  the report; caller frees with l2e_report_free()
 * @return 0, L2E_ELIMIT (larger than max_input_bytes) or L2E_ENOMEM
 */
L2E_API int l2e_validate_memory(l2e_report **out, l2e_validator *v,
                                const char *name, const char *data, size_t len);

/** The file name the report is about. Borrowed. */
L2E_API const char *l2e_report_file(const l2e_report *r);
L2E_API l2e_doc_kind l2e_report_kind(const l2e_report *r);

/**
 * The version the document states: "V3.4" (v3 XSDVersion), "V2.0" (an
 * older document), the CV's DocumentID schemeVersionID; NULL when the
 * document states none. Borrowed.
 */
L2E_API const char *l2e_report_version(const l2e_report *r);

/** 1 when the document is valid: a Europass v3.4 or CV document with no
 * error finding (warnings allowed); 0 otherwise. */
L2E_API int l2e_report_is_valid(const l2e_report *r);
L2E_API l2e_schema_status l2e_report_schema_status(const l2e_report *r);

/** Number of findings, errors and warnings together. */
L2E_API size_t l2e_report_count(const l2e_report *r);

/**
 * Finding `i` (0-based, in document order), or NULL when out of range.
 * `field` is the XPath of the element or attribute (XML; names as the
 * document writes them) or the JSON pointer (JSON); `rule` is the id of
 * the check ("xsd", "json-schema:enum", "date", "cefr", ...). Borrowed
 * from the report.
 */
L2E_API const l2e_diag *l2e_report_diag(const l2e_report *r, size_t i);

L2E_API void l2e_report_free(l2e_report *r);

/** "europass-v3-xml", "europass-v3-json", "europass-cv-xml",
 * "europass-older", "not-europass"; never NULL. */
L2E_API const char *l2e_doc_kind_name(l2e_doc_kind kind);

/** "not-applicable", "valid", "invalid", "skipped"; never NULL. */
L2E_API const char *l2e_schema_status_name(l2e_schema_status status);

typedef enum l2e_report_style {
	/* FILE:LINE:COL: error|warning: message (at PATH) [rule], one line
	 * per finding, then FILE: valid|invalid (kind version) */
	L2E_REPORT_TEXT = 1,
	/* one JSON object: file, kind, version, valid, schema, findings */
	L2E_REPORT_JSON = 2
} l2e_report_style;

/**
 * Append the report to `out` in `style`.
 * @return 0, L2E_ENOTSUPPORTED (style) or L2E_ENOMEM
 */
L2E_API int l2e_report_format(l2e_buf *out, const l2e_report *r,
                              l2e_report_style style);

#ifdef __cplusplus
}
#endif

#endif
