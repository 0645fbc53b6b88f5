/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_v3.h - the step for XML v3.0-v3.3 (up_v3.c).
 */
#ifndef L2E_LEGACY_UP_V3_H
#define L2E_LEGACY_UP_V3_H

#include "legacy/up_base.h"

/** XML v3.0-v3.3 to v3.4 in place. @return 0, L2E_EPARSE, L2E_ENOMEM */
int l2e__up_v3_xml(l2e__up *u, xmlDoc *doc);

#endif
