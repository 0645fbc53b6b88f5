/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cv_check.h - structural check of a Europass CV XML (Candidate)
 * document against the table in europass/cv_spec.c.
 *
 * There is no official XSD for this format. The check walks a parsed
 * document and reports, one finding at a time: elements the table does
 * not know at their place (or in a foreign namespace), children out of
 * the table's order or more often than allowed, required children that
 * are missing, text where only elements belong, and dates and booleans
 * that are not spelled as BR-COM-06 and xsd:boolean say. Attributes and
 * code lists are not checked.
 *
 * An invalid document is a result, not an error: the functions return
 * the number of findings. Only a document that cannot be parsed at all
 * is an error (L2E_EPARSE), and its parser messages are findings too.
 */
#ifndef L2E_VALIDATE_CV_CHECK_H
#define L2E_VALIDATE_CV_CHECK_H

#include <stddef.h>

#include <libxml/tree.h>

/**
 * Called once per finding: the line of the element concerned (0 when
 * unknown) and a one-line message, valid during the call only.
 */
typedef void (*l2e__cv_report_fn)(unsigned line, const char *message,
                                  void *payload);

/** Check a parsed document. @return the number of findings */
int l2e__cv_check(const xmlDoc *doc, l2e__cv_report_fn report, void *payload);

/**
 * Parse `data` safely (no network, no DTD loading, no entity expansion)
 * and check it; parser errors are reported like findings.
 * @return the number of findings, L2E_EPARSE when the document is not
 *         well-formed, or L2E_ENOMEM
 */
int l2e__cv_check_memory(const char *data, size_t len, l2e__cv_report_fn report,
                         void *payload);

#endif
