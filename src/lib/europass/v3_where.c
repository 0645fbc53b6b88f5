/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_where.c - which elements of a Europass v3.4 document a profile field
 * fills (l2e_europass_v3_elements, for `explain`), read from the same
 * document tree as the writers (v3_tree.c): a row shows field F of
 * section S when it names F (as its field or its second field) and the
 * nearest row above it that reads a section reads S.
 */
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "europass/v3_tree.h"
#include "lob2europass/explain.h"
#include "model/profile.h"

/* The section row `row` reads its fields from, or -1. */
static int section_of(size_t row)
{
	int r = (int)row;

	for (; r >= 0; r = l2e__ev3_tree[r].parent)
		if (l2e__ev3_tree[r].section)
			return l2e__ev3_tree[r].section - 1;
	return -1;
}

/* "LearnerInfo/Identification/PersonName/Surname", from below the root */
static int put_path(l2e_buf *out, size_t row)
{
	const l2e__ev3_row *r = &l2e__ev3_tree[row];
	int error = 0;

	if (r->parent > 0 && (error = put_path(out, (size_t)r->parent)) < 0)
		return error;
	if (r->parent < 0)
		return 0;
	if (r->parent > 0 && (error = l2e__buf_putc(out, '/')) < 0)
		return error;
	if (r->kind == L2E__EV3_ATTR && (error = l2e__buf_putc(out, '@')) < 0)
		return error;
	return l2e__buf_puts(out, r->xml);
}

int l2e_europass_v3_elements(l2e_buf *out, const char *section,
                             const char *field)
{
	int s, f, error = 0, n = 0;
	size_t i;

	L2E_ASSERT_ARG(out && section && field);
	s = l2e__section_find(section);
	f = s < 0 ? -1 : l2e__field_find(s, field);
	if (f < 0)
		return L2E_ENOTFOUND;
	for (i = 1; i < l2e__ev3_tree_n && !error; i++) {
		const l2e__ev3_row *r = &l2e__ev3_tree[i];

		if (!r->xml || (r->field != f + 1 && r->field2 != f + 1) ||
		    section_of(i) != s)
			continue;
		if (n++)
			error = l2e__buf_putc(out, '\n');
		if (!error)
			error = put_path(out, i);
	}
	return error;
}
