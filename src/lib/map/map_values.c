/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_values.c - see map_values.h.
 */
#include "map/map_values.h"

/*
 * A row reached from $root in a file of several students may be another
 * student's: it is this student's only when the record is among its
 * ancestors. Parents are one pointer each, so this is a short walk.
 */
int l2e__rows_inside(const l2e__node *const *rows, size_t n,
                     const l2e__node *record)
{
	const l2e__node *p;
	size_t i;

	for (i = 0; i < n; i++) {
		for (p = rows[i]; p && p != record; p = p->parent)
			;
		if (!p)
			return 0;
	}
	return 1;
}
