/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_base.h - what every step of the upgrade of old Europass documents
 * stands on: the upgrade under way, its warnings, and the old editor's
 * elements read without surprise (up_base.c). The room's files:
 *
 *   upgrade.c     the public entry points: read, detect, dispatch, write
 *   up_base.c     this header's helpers (the steps call them; they call
 *                 no step, so no file of the room calls back upwards)
 *   detect.c      which version a document is (the old chain's rules,
 *                 without its blind spots)
 *   up_v3.c       XML v3.0-v3.3 to v3.4, on the parsed tree in place
 *   up_old.c      XML v1.x/v2.0 to a new v3.4 tree: the document and
 *                 the person; old_build.c the builder and the dates both
 *                 halves use; up_old_lists.c work, education, languages,
 *                 skills
 *   up_json.c     JSON V3.0-V3.3 to V3.4, on cJSON's tree in place
 *   rules.c       the rules both v3 syntaxes share (preferences, codes)
 *   pdf_extract.c the XML attached to a Europass PDF (libqpdf)
 *
 * Every lossy change is a warning in the one findings collector
 * (model/findings.h) with the line of the original element: in-place
 * edits keep libxml2's line numbers, and the v1/v2 builder copies the
 * source element's line onto every element it makes.
 */
#ifndef L2E_LEGACY_UP_BASE_H
#define L2E_LEGACY_UP_BASE_H

#include <libxml/tree.h>

#include "core/ctx.h"
#include "legacy/legacy.h"
#include "lob2europass/upgrade.h"
#include "model/findings.h"

#define L2E__UP_NS_V3  "http://europass.cedefop.europa.eu/Europass"
#define L2E__UP_NS_OLD "http://europass.cedefop.europa.eu/Europass/V"
#define L2E__UP_XSI    "http://www.w3.org/2001/XMLSchema-instance"
#define L2E__UP_SCHEMA_LOCATION                                        \
	L2E__UP_NS_V3 " http://europass.cedefop.europa.eu/xml/v3.4.0/" \
	              "EuropassSchema.xsd"

/* One upgrade under way. */
typedef struct l2e__up {
	l2e_ctx *ctx;
	l2e__findings *f;     /* the warnings */
	const char *name;     /* the file, for messages */
	int major, minor;     /* the version detected: 1.0 .. 3.4 */
	int is_from_location; /* the version came from xsi:schemaLocation */
	int is_no_lines; /* the tree is not the original's: no line numbers */
} l2e__up;

/** A warning about original element `at` (may be NULL), rule `rule`. */
void l2e__up_warn(l2e__up *u, const xmlNode *at, const char *rule,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** As l2e__up_warn(), at a JSON pointer. */
void l2e__up_warn_json(l2e__up *u, const char *pointer, const char *rule,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** The element's text without surrounding blanks, or NULL when it has
 * none: absent, empty, blank or the string "null" (the old editor's
 * spelling of "no value"). Caller frees with xmlFree(). */
xmlChar *l2e__up_text(const xmlNode *n);

/** 1 when `s` is absent in the old editor's sense (see l2e__up_text). */
int l2e__up_is_null(const char *s);

/** The first child element named `name` (any namespace), or NULL. */
xmlNode *l2e__up_child(const xmlNode *parent, const char *name);

/** The next sibling element named `name` after `n`, or NULL. */
xmlNode *l2e__up_next(const xmlNode *n, const char *name);

#endif
