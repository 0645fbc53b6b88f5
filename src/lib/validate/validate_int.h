/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * validate_int.h - the insides of lob2europass validate, shared by its
 * files:
 *
 *   validate.c       the validator and the order of the steps
 *   report.c         the report: made, read and formatted
 *   detect.c         what a document is (kind and version)
 *   place.c          where a finding is (XPath, line, JSON pointer)
 *   validate_xsd.c   offline XSD validation with libxml2
 *   validate_json.c  a draft-04 JSON schema validator (with json_check.c,
 *                    json_pattern.c; json_schema_int.h)
 *   checks.c         the built-in checks (no schema files needed)
 *   cv_check.c       the structure of the CV XML (its own header)
 *
 * Findings are added with l2e__report_add() to the report, which is the
 * one findings type of model/findings.h: it copies every string, makes
 * the message fit for a line of output (national identifiers redacted,
 * control characters replaced, cut short) and is sticky on failure: a
 * lost finding sets is_oom, which the caller turns into L2E_ENOMEM once
 * at the end.
 */
#ifndef L2E_VALIDATE_INT_H
#define L2E_VALIDATE_INT_H

#include <libxml/tree.h>

#include "core/ctx.h"
#include "core/pool.h"
#include "lob2europass/validate.h"
#include "model/findings.h"
#include "model/record.h"
#include "validate/place.h"

/* ==== Reports ==== */

/* struct l2e_report is the one findings type: model/findings.h */

/** A new empty report about `file`; NULL when out of memory. */
l2e_report *l2e__report_new(const char *file, size_t max_items);

/**
 * Add a finding. `line`/`column` 0: unknown; `field` (XPath or JSON
 * pointer) and `rule` may be NULL. The message is formatted, then made
 * safe: quote document values freely, they are redacted here.
 */
void l2e__report_add(l2e_report *r, l2e_severity severity, unsigned line,
                     unsigned column, const char *field, const char *rule,
                     const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/** Copy `s` into the report's pool (NULL stays NULL; sets is_oom). */
const char *l2e__report_strdup(l2e_report *r, const char *s);

/** Put the findings in document order (line, then column; stable). */
void l2e__report_sort(l2e_report *r);

/* ==== Detection ==== */

typedef enum l2e__syntax {
	L2E__SYNTAX_UNKNOWN = 0,
	L2E__SYNTAX_XML,
	L2E__SYNTAX_JSON
} l2e__syntax;

/** XML or JSON, from the first bytes (after a BOM and white space). */
l2e__syntax l2e__detect_syntax(const char *data, size_t len);

typedef struct l2e__detected {
	l2e_doc_kind kind;
	char version[32]; /* "" when none was found */
	char what[160];   /* for "not Europass"/"older": what was found */
} l2e__detected;

void l2e__detect_xml(l2e__detected *out, const xmlDoc *doc);

/* XML elements by namespace and name (checks.c; detection uses them too).
 * An element in namespace `ns` (named `name`)? */
int l2e__xml_in_ns(const xmlNode *n, const char *ns);
int l2e__xml_named(const xmlNode *n, const char *ns, const char *name);
/* The first child element `name` in `ns`, or NULL. */
const xmlNode *l2e__xml_child(const xmlNode *parent, const char *ns,
                              const char *name);
void l2e__detect_json(l2e__detected *out, const l2e__node *root);

/* ==== XSD (validate_xsd.c) ==== */

typedef struct l2e__xsd l2e__xsd;

/**
 * Load `xsd_path` and everything it includes or imports, resolving
 * absolute locations through `catalog_path` (may be NULL), reading only
 * files under the folder of `xsd_path`.
 * @return 0, L2E_EPARSE (with the reason on ctx), L2E_ENOMEM, L2E_ERROR
 */
int l2e__xsd_load(l2e__xsd **out, l2e_ctx *ctx, const char *xsd_path,
                  const char *catalog_path);
void l2e__xsd_free(l2e__xsd *xsd);

/**
 * Validate `doc`, adding every schema error to `r` (rule "xsd").
 * @return 1 valid, 0 invalid, or L2E_ENOMEM
 */
int l2e__xsd_validate(l2e__xsd *xsd, l2e_report *r, xmlDoc *doc);

/* ==== JSON schema (validate_json.c) ==== */

typedef struct l2e__jschema l2e__jschema;

/**
 * Load and compile a draft-04 JSON schema from `path`. Refuses a schema
 * that uses a validation keyword this validator does not implement.
 * @return 0, L2E_EPARSE, L2E_ENOTSUPPORTED, L2E_EIO, L2E_ENOMEM, ...
 */
int l2e__jschema_load(l2e__jschema **out, l2e_ctx *ctx, const char *path);

/** As l2e__jschema_load(), from memory; `name` for messages. */
int l2e__jschema_load_memory(l2e__jschema **out, l2e_ctx *ctx, const char *name,
                             const char *data, size_t len);

void l2e__jschema_free(l2e__jschema *s);

/**
 * Validate the JSON value `root`, adding every failure to `r` with rule
 * "json-schema:<keyword>" and the JSON pointer of the value.
 * @return 1 valid, 0 invalid, or L2E_ENOMEM
 */
int l2e__jschema_validate(const l2e__jschema *s, l2e_report *r,
                          const l2e__node *root);

/* ==== Built-in checks (checks.c) ==== */

void l2e__check_v3_xml(l2e_report *r, const xmlDoc *doc);
void l2e__check_cv_xml(l2e_report *r, const xmlDoc *doc);
void l2e__check_v3_json(l2e_report *r, const l2e__node *root);
/* a European Digital Credential, or its upload wrapper (checks_edc.c) */
void l2e__check_edc_json(l2e_report *r, const l2e__node *root);
/* xsd:dateTime naming a real day */
int l2e__check_xsd_datetime(const char *s);

/* The value rules, for the walks above and for unit tests. */
int l2e__check_cefr(const char *s); /* A1 .. C2 */
int l2e__check_eqf(const char *s);  /* 1 .. 8 */
/** 1 if year/month/day (month, day 0: not given) name a real date. */
int l2e__check_date_exists(long year, long month, long day);
/**
 * Compare two dates of any precision on the parts both give:
 * <0, 0 or >0 as `a` is before, (as far as known) equal to or after `b`.
 */
int l2e__check_date_cmp(const long a[3], const long b[3]);

#endif
