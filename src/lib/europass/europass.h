/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * europass.h - what every Europass format reads from a learner profile.
 *
 * The europass/ room sits below the writers (write/) and the validator
 * (validate/) and holds the Europass vocabulary both use: the v3 code
 * lists (v3_codes.h), the v3.4 document tree (v3_tree.h), the content
 * view every v3 format shares (v3_view.h) and the Europass CV structure
 * table (cv_spec.h). It reads the profile (model/) and nothing above.
 */
#ifndef L2E_EUROPASS_EUROPASS_H
#define L2E_EUROPASS_EUROPASS_H

#include "model/profile.h"

/** The value of field `f` of `item`, or NULL when unset. */
const char *l2e__item_text(const l2e__item *item, int f);
int l2e__item_bool(const l2e__item *item, int f);

/** Country code as Europass writes it: GR -> EL, GB -> UK. */
const char *l2e__europass_country(const char *iso);

/** Format `t` as xsd:dateTime in UTC into buf[32]. */
void l2e__format_datetime(char buf[32], long long t);

#endif
