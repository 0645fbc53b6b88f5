/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * old_build.h - the v1.x/v2.0 builder (old_build.c): elements made with
 * the source's line, addresses, coded values and dates, shared by
 * up_old.c (the document, the person) and up_old_lists.c (work,
 * education, languages, skills, other information), which call it and
 * never each other's helpers.
 *
 * The source is read namespace-blind: v1/v2 prefix only the root, and
 * v2.0 marks a language with an xsi:type whose prefix is the file's
 * choice, so names are compared without prefix. Each element made gets
 * the line of the source element it comes from, so that a validation of
 * the result can point into the original.
 */
#ifndef L2E_LEGACY_OLD_BUILD_H
#define L2E_LEGACY_OLD_BUILD_H

#include "legacy/up_base.h"

typedef struct l2e__old {
	l2e__up *u;
	xmlDoc *doc; /* the v3.4 document being made */
	xmlNs *ns;   /* its default namespace */
	int is_oom;  /* sticky: an element could not be made */
} l2e__old;

/** A new element `name` under `parent` with the line of `src`. */
xmlNode *l2e__old_el(l2e__old *b, xmlNode *parent, const char *name,
                     const xmlNode *src);

/** As l2e__old_el() with text `text`; nothing when `text` is NULL. */
xmlNode *l2e__old_text(l2e__old *b, xmlNode *parent, const char *name,
                       const char *text, const xmlNode *src);

/** The text of `src` (l2e__up_text) as element `name`; NULL if none. */
xmlNode *l2e__old_copy(l2e__old *b, xmlNode *parent, const char *name,
                       const xmlNode *src);

/** 1 when `code` is in the v3.4 country list. */
int l2e__old_is_country(const char *code);

/** 1 when the first `n` characters of `s` are digits 0-9. */
int l2e__old_digits(const char *s, size_t n);

/** Remove `n` when nothing was put in it; returns NULL then, else n. */
xmlNode *l2e__old_prune(xmlNode *n);

/** 1 when the element has child elements (v1.2/v2.0 structure), 0 when
 * it is one string (v1.0/v1.1). */
int l2e__old_is_structured(const xmlNode *n);

/** An address (string or structured) as Address/Contact under `parent`
 * (a ContactInfo). */
void l2e__old_address(l2e__old *b, xmlNode *parent, const xmlNode *src);

/** A v1/v2 period (from/to with year, month, day children). */
void l2e__old_period(l2e__old *b, xmlNode *parent, const xmlNode *src);

/** A birth date "1987-04-12", "1988-04" or "1988" as Birthdate: what is
 * valid stays, a date without a year goes, with a warning. */
void l2e__old_birth_date(l2e__old *b, xmlNode *parent, const xmlNode *src);

/** A Code checked by `is_ok` (NULL: any) and a Label from a {code,label}
 * or a string `src`, as element `name`; a code that fails is a warning
 * "`what` 'CODE' left out, the label kept: `why`". */
xmlNode *l2e__old_coded(l2e__old *b, xmlNode *parent, const char *name,
                        const xmlNode *src, int (*is_ok)(const char *),
                        const char *what, const char *why);

#define OCCUPATION_WHY "v3.4 wants an ESCO occupation id, and this is ISCO-88"

#endif
