/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * checks_int.h - what the built-in checks share (checks.c): the
 * findings they add, one per place, and the XML helpers.
 *
 *   checks.c     value rules, findings, XML helpers, national ids
 *   checks_v3.c  Europass v3.4 XML and JSON, along europass/v3_tree.h
 *   checks_cv.c  Europass CV XML values (its structure: cv_check.c)
 */
#ifndef L2E_VALIDATE_CHECKS_INT_H
#define L2E_VALIDATE_CHECKS_INT_H

#include <stdarg.h>

#include "validate/validate_int.h"

typedef struct l2e__checker {
	l2e_report *r;
	size_t n_schema; /* findings [0, n_schema) came from the schema */
} l2e__checker;

void l2e__checker_init(l2e__checker *c, l2e_report *r);

/*
 * Add a finding. An error at a place (`field`) where the schema step
 * already reported one is not repeated.
 */
void l2e__checker_add(l2e__checker *c, l2e_severity severity, unsigned line,
                      unsigned column, const char *field, const char *rule,
                      const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* The same with a va_list. */
void l2e__checker_vadd(l2e__checker *c, l2e_severity severity, unsigned line,
                       unsigned column, const char *field, const char *rule,
                       const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));

/* A finding at an XML node (its path, line and column). */
void l2e__checker_xadd(l2e__checker *c, const xmlNode *node,
                       l2e_severity severity, const char *rule, const char *fmt,
                       ...) __attribute__((format(printf, 5, 6)));

/* (l2e__xml_in_ns, l2e__xml_named, l2e__xml_child: validate_int.h) */
/* The element's text, trimmed, into buf (cut at its size). */
const char *l2e__xml_text_of(const xmlNode *el, char *buf, size_t size);

/* Warn about national identifiers in every text and attribute value. */
void l2e__check_xml_natids(l2e__checker *c, const xmlNode *node);

#endif
