/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * diag.h - findings about one dossier, collected while it is mapped.
 *
 * The collector is the one findings type (model/findings.h); this is
 * how the mapping engine adds to it. A finding carries the input file,
 * the line and column of the value in it, the source path, and the
 * profile field (rule). Messages must never quote a national
 * identifier: quote values only through l2e__diag_quote(), which
 * redacts them.
 */
#ifndef L2E_MODEL_DIAG_H
#define L2E_MODEL_DIAG_H

#include "core/pool.h"
#include "lob2europass/convert.h"
#include "model/findings.h"
#include "model/record.h"

/* Set pool and file (max_items: 0 is L2E_DEFAULT_MAX_DIAGS); the rest
 * zero. Past max_items one more finding says the rest are left out. */
typedef l2e__findings l2e__diags;

/** Record a finding at node `at` (may be NULL) for profile field `rule`. */
void l2e__diag_add(l2e__diags *d, l2e_severity severity, const l2e__node *at,
                   const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/**
 * `value` made safe to quote: national identifiers redacted, control
 * characters shown as '?', cut short (core/natid.h).
 */
const char *l2e__diag_quote(l2e__diags *d, const char *value);

void l2e__diags_dispose(l2e__diags *d);

#endif
