/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_values.h - the evaluator's newer steps, kept out of map_eval.c:
 * whose rows a list reaches (privacy), the text tests of conditions
 * (contains, starts_with, ends_with, matches), taking part of a value
 * (language, split/pick, after_last, regex) and dates with a zone.
 */
#ifndef L2E_MAP_MAP_VALUES_H
#define L2E_MAP_MAP_VALUES_H

#include <regex.h>

#include "core/buf.h"
#include "map/mapping.h"
#include "map/zone.h"
#include "model/diag.h"

/* A value longer than this never matches a regular expression: the
 * work per value stays bounded whatever the export holds. */
#define L2E__REGEX_MAX_TEXT 4096
#define L2E__REGEX_MAX      256 /* characters of a pattern */

struct l2e__regex {
	regex_t re;
	l2e__regex *next; /* the mapping's list, for regfree */
};

/** 1 when every one of `rows` lies inside `record` (or is it). */
int l2e__rows_inside(const l2e__node *const *rows, size_t n,
                     const l2e__node *record);

/** A text test of a condition (CONTAINS ... MATCHES) on node `n`. */
int l2e__cond_text(const l2e__cond *c, const l2e__node *n);

/** `language`: the value of the first listed language `n` has, or NULL. */
const l2e__node *l2e__pick_language(const l2e__rule *r, const l2e__node *n);

/**
 * split/pick, after_last and regex on the value in `out`, in place.
 * Returns 1 when a value is left, 0 when not, L2E_ENOMEM.
 */
int l2e__extract(const l2e__rule *r, const l2e__scope *scope, l2e_buf *out);

/* 1 when the rule has a step for l2e__extract(). */
#define L2E__HAS_EXTRACT(r) ((r)->split || (r)->after_last || (r)->regex)

/**
 * A date-time with Z or an offset ("2006-02-13T23:00:00Z") as the local
 * date in zone `z`. Returns 0 when `text` is no such date-time, 1 with
 * *d set (then `time`, when not empty, is the local time of day that
 * was dropped: "10:30"), -1 when it is one but not a real instant.
 */
int l2e__date_zoned(l2e__date *d, char time[16], const char *text,
                    const l2e__zone *z);

/**
 * A date field's rule on `text`: -1 when the zone does not apply (no
 * zone-marked date-time, or formats without "zone"), else 1 with *d set
 * or 0 (left out), with the warnings it earns.
 */
int l2e__date_zone_rule(l2e__date *d, l2e__diags *diags, const l2e__rule *r,
                        const l2e_mapping *map, const char *text,
                        const l2e__node *at);

#endif
