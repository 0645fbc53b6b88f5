/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_trace.h - the evaluator's trace hooks (lob2europass/explain.h).
 *
 * The evaluator holds a trace only while it maps a record of the traced
 * key (l2e__trace_wants); every hook is behind an `if (trace)`, so a run
 * without a trace pays nothing but that test. The hooks copy what they
 * are given through the privacy guard (core/natid.c).
 */
#ifndef L2E_MAP_MAP_TRACE_H
#define L2E_MAP_MAP_TRACE_H

#include "lob2europass/explain.h"
#include "map/mapping.h"
#include "model/profile.h"
#include "model/record.h"

/**
 * A trace that follows every record but keeps only counts: per rule, how
 * often it ran and how often it set its field (mapping check --input).
 * Free with l2e_trace_free().
 */
int l2e__trace_new_counter(l2e_trace **out);

/** A counting trace's figures for rule `r`; 0 when it never ran. */
int l2e__trace_count_of(const l2e_trace *t, const l2e__rule *r, size_t *n_tried,
                        size_t *n_set);

/** The input whose records come next (its name, for places). */
void l2e__trace_input(l2e_trace *t, const char *name);

/** `t` when `key` is the traced one (a new record of it), else NULL. */
l2e_trace *l2e__trace_wants(l2e_trace *t, const l2e_mapping *map,
                            const char *key);

/** Rule `r` starts on item `item` of its section. */
void l2e__trace_begin(l2e_trace *t, const l2e__rule *r, int section,
                      size_t item);

/** The rule read `n` (the first one with a value is the source). */
void l2e__trace_source(l2e_trace *t, const l2e__node *n);

/** A step of the current rule; `value` (may be NULL) is the value after. */
void l2e__trace_step(l2e_trace *t, const char *kind, const char *value,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/** The rule is done: field `field` of `item` holds its result or not. */
void l2e__trace_result(l2e_trace *t, const l2e__item *item, int field,
                       int is_set);

#endif
