/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_transform.h - a rule's text transforms: "replace", "transform"
 * (upper, lower, title, decimal) and "pad", applied to a value in place.
 */
#ifndef L2E_MAP_MAP_TRANSFORM_H
#define L2E_MAP_MAP_TRANSFORM_H

#include "map/mapping.h"

/** Apply `r`'s transforms to `out`; 0 or L2E_ENOMEM. */
int l2e__apply_transforms(const l2e__rule *r, l2e_buf *out);

#endif
