/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_values.h - the evaluator's newer steps, kept out of map_eval.c:
 * whose rows a list reaches (privacy), the text tests of conditions
 * (contains, starts_with, ends_with, matches), and taking part of a
 * value (language, split/pick, after_last, regex).
 */
#ifndef L2E_MAP_MAP_VALUES_H
#define L2E_MAP_MAP_VALUES_H

#include "model/record.h"

/** 1 when every one of `rows` lies inside `record` (or is it). */
int l2e__rows_inside(const l2e__node *const *rows, size_t n,
                     const l2e__node *record);

#endif
