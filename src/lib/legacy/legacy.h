/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * legacy.h - the door of the legacy room for the validator: an old
 * Europass document upgraded in memory, so that `validate` can check
 * what an upgrade would give and point its findings at the original.
 *
 * The validator keeps its own parse (its line numbers, its SAX hooks);
 * the upgrade works on that tree. Its warnings (what an upgrade
 * changes) go to the same findings collector as the validator's.
 */
#ifndef L2E_LEGACY_LEGACY_H
#define L2E_LEGACY_LEGACY_H

#include <libxml/tree.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "lob2europass/upgrade.h"
#include "model/findings.h"
#include "model/profile.h"

/**
 * Upgrade the parsed XML `doc` to v3.4. v3.0-v3.3 change `doc` in place
 * (*made stays NULL); v1.x/v2.0 give a new document in *made, whose
 * elements carry the lines of the elements of `doc` they come from
 * (caller frees it with xmlFreeDoc). `version` (size 16) gets the
 * version found, "V2.0".
 * @return 0, or an error with the reason on ctx (not a Europass
 *         document, an unreadable version, never valid, out of memory)
 */
int l2e__legacy_upgrade_tree(l2e_ctx *ctx, l2e__findings *f, const char *name,
                             xmlDoc *doc, xmlDoc **made, char *version);

/**
 * Upgrade JSON V3.0-V3.3 text into `out` (V3.4 JSON text); warnings in
 * `f` carry JSON pointers of the original.
 * @return 0, or an error with the reason on ctx
 */
int l2e__legacy_upgrade_json(l2e_ctx *ctx, l2e__findings *f, const char *name,
                             const char *data, size_t len, l2e_buf *out);

/**
 * Read an upgraded v3.4 SkillsPassport XML (`xml`, the output of an
 * upgrade) into the learner profile `p` (model/profile.h), for the CV
 * writer. What the profile cannot hold is a warning in `f`.
 * @return 0, L2E_ENOTSUPPORTED (not XML), L2E_ENOMEM
 */
int l2e__legacy_profile(l2e__profile *p, l2e_ctx *ctx, l2e__findings *f,
                        const char *name, const char *xml, size_t len);

/** The warnings of an upgrade, to add to (the CV step's). */
l2e__findings *l2e__upgrade_findings(l2e_upgrade *u);

/** 1 when `data` is a PDF. */
int l2e__is_pdf(const char *data, size_t len);

/**
 * The Europass XML attached to the PDF `data` into `out`; a warning (an
 * unusual attachment name) goes to `f`.
 * @return 0, or an error with the reason on ctx
 */
int l2e__pdf_extract(l2e_buf *out, l2e_ctx *ctx, const char *name,
                     const char *data, size_t len, l2e__findings *f);

#endif
