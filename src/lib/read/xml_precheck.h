/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xml_precheck.h - what an XML input may not be, checked on its bytes
 * before libxml2 sees them: compressed (libxml2 would inflate gzip and xz
 * behind our size cap) or carrying a DOCTYPE or entity declaration (no
 * DTD, no entities: no entity expansion of any size, no external
 * loading). Shared by the XML reader and the validator.
 */
#ifndef L2E_READ_XML_PRECHECK_H
#define L2E_READ_XML_PRECHECK_H

#include <stddef.h>

#include "core/ctx.h"

/**
 * Refuse `data` if it is compressed or declares a DOCTYPE or an entity.
 * `what` names the kind of input in the message ("an export").
 * @return 0, or L2E_EPARSE with file (and line) on the context
 */
int l2e__xml_precheck(l2e_ctx *ctx, const char *name, const char *data,
                      size_t len, const char *what);

#endif
