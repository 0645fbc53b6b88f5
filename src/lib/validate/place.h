/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * place.h - where a finding is in a document: the XPath, line and column
 * of an XML node, the JSON pointer of a value, and the names libxml2
 * adds to its messages.
 *
 * In their own file because the parser (validate.c), the XSD step
 * (validate_xsd.c), the JSON schema step and the built-in checks all
 * name places, and none of them should depend on another for it.
 *
 * Columns: libxml2 records a line per element but no column; while
 * parsing, validate.c stores in each element's _private the column of
 * its start tag. l2e__xml_column() reads it back (0 when not parsed
 * there).
 */
#ifndef L2E_VALIDATE_PLACE_H
#define L2E_VALIDATE_PLACE_H

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "lob2europass/common.h"
#include "model/record.h"

/** The element or attribute's XPath (see validate.h) into `out`. */
int l2e__xml_path(l2e_buf *out, const xmlNode *node);
/** Line of the node (its element's line for an attribute), or 0. */
unsigned l2e__xml_line(const xmlNode *node);
/** Column of the element's start tag, as the parser recorded it, or 0. */
unsigned l2e__xml_column(const xmlNode *node);

/**
 * libxml2's message of `e` (or `fallback`) into `out`: without `strip`
 * wherever it appears (may be NULL), without the trailing line break,
 * then each of str1..str3 that is not in it yet as " (str)"
 * (xmlstarlet's habit: the message names what it is about).
 */
int l2e__xml_error_text(l2e_buf *out, const xmlError *e, const char *fallback,
                        const char *strip);

/** The node's RFC 6901 JSON pointer into `out` ("" for the root). */
int l2e__json_pointer(l2e_buf *out, const l2e__node *node);

#endif
