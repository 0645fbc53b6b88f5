/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_old.h - the step for XML v1.x/v2.0 (up_old.c).
 */
#ifndef L2E_LEGACY_UP_OLD_H
#define L2E_LEGACY_UP_OLD_H

#include "legacy/up_base.h"

/** XML v1.x/v2.0 `in` to a new v3.4 document. @return 0, L2E_ENOMEM */
int l2e__up_old_xml(l2e__up *u, const xmlDoc *in, xmlDoc **out);

#endif
