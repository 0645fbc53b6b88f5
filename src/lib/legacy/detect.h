/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * detect.h - which Europass version an XML document is (detect.c).
 */
#ifndef L2E_LEGACY_DETECT_H
#define L2E_LEGACY_DETECT_H

#include "legacy/up_base.h"

/**
 * Set u->major/minor from the document: DocumentInfo/XSDVersion or
 * docinfo/xsdversion, else the root and xsi:schemaLocation.
 * @return 0, or L2E_EPARSE / L2E_ENOTSUPPORTED with the reason on ctx
 */
int l2e__up_detect_xml(l2e__up *u, const xmlDoc *doc);

/** "V3.4" into major/minor; 0 when it is not spelled V<d>.<d>. */
int l2e__up_parse_version(const char *s, int *major, int *minor);

#endif
