/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * findings.h - the one findings type: what a conversion found about a
 * dossier, or a validation about a document, one public l2e_diag each.
 *
 * The public API knows it as the opaque l2e_report (the validator hands
 * one out); the mapping engine as l2e__diags (model/diag.h). One type,
 * so that both collect, cap, count, redact and sort findings the same
 * way, and every finding reads the same in every output.
 *
 * Every string is copied into the collector's pool. Every message and
 * field passes through l2e__findings_safe_text() before it is kept: a
 * finding quotes document values freely, and they are made safe here.
 * A failure is sticky: a lost finding sets is_oom, which the caller
 * turns into L2E_ENOMEM once at the end.
 */
#ifndef L2E_MODEL_FINDINGS_H
#define L2E_MODEL_FINDINGS_H

#include <stdarg.h>

#include "core/pool.h"
#include "lob2europass/common.h"
#include "lob2europass/validate.h"

/*
 * What happens past max_items. The two options were documented, and are
 * tested, before the two collectors became one; both are kept.
 */
typedef enum l2e__findings_cap {
	/* max_diags (conversion): max_items findings, then one more in the
	 * dropped finding's severity, without rule, saying "more than
	 * max_diags (N) findings; the rest are left out" */
	L2E__CAP_MAX_DIAGS = 0,
	/* max_findings (validation): max_items places, the last one a
	 * warning "too many findings; ..." with rule "too-many" */
	L2E__CAP_MAX_FINDINGS
} l2e__findings_cap;

struct l2e_report {
	l2e__pool *pool; /* strings live here: own_pool, or a dossier's */
	l2e__pool own_pool;
	const char *file; /* of every finding that names no file */
	l2e_diag *items;  /* malloc'd */
	size_t n_items;
	size_t cap;
	size_t max_items; /* 0: L2E_DEFAULT_MAX_DIAGS; see l2e__findings_cap */
	l2e__findings_cap cap_style;
	size_t n_errors; /* every finding counts, kept or not */
	size_t n_warnings;
	int is_truncated; /* the note past max_items is written */
	int is_oom;       /* sticky: a finding was lost */
	/* what the findings are about: set by the validator only */
	l2e_doc_kind kind;
	const char *version;
	l2e_schema_status schema;
};

typedef struct l2e_report l2e__findings;

/* The cut lengths of a kept message and of a kept field (bytes). */
#define L2E__FINDING_MESSAGE_MAX 400
#define L2E__FINDING_FIELD_MAX   256

/**
 * Append `raw` to `out` as a finding keeps it: one line, national
 * identifiers redacted, control characters and invalid UTF-8 as '?',
 * cut after about `max` bytes at a character boundary (never inside a
 * number) with "...". The rules are core/natid.h's, which every
 * error message of the library follows too.
 */
int l2e__findings_safe_text(l2e_buf *out, const char *raw, size_t max);

/**
 * Add a finding. `file` NULL: the collector's file. `line`/`column` 0:
 * unknown. `field` (a path or pointer) and `rule` may be NULL. The
 * message is formatted, then made safe, and so is the field.
 */
void l2e__findings_vadd(l2e__findings *f, l2e_severity severity,
                        const char *file, unsigned line, unsigned column,
                        const char *field, const char *rule, const char *fmt,
                        va_list ap) __attribute__((format(printf, 8, 0)));

/** Copy `s` into the collector's pool (NULL stays NULL; sets is_oom). */
const char *l2e__findings_strdup(l2e__findings *f, const char *s);

/** Put the findings in document order (line, then column; stable). */
void l2e__findings_sort(l2e__findings *f);

/** "error" or "warning": the one spelling of a severity. */
const char *l2e__severity_name(l2e_severity severity);

/** Free the findings and the collector's own pool (not a borrowed one). */
void l2e__findings_dispose(l2e__findings *f);

#endif
