/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * reader.c - the table of readers (see reader.h). The readers compile
 * their "source" options with optc.c's helpers, never with this file,
 * which names them.
 */
#include "reader.h"

#include <string.h>

#include "core/buf.h"

static const l2e__reader *const readers[] = {
	&l2e__reader_json,
	&l2e__reader_csv,
	&l2e__reader_xml,
};

const l2e__reader *l2e__reader_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (strcmp(readers[i]->name, name) == 0)
			return readers[i];
	return NULL;
}

const l2e__reader *l2e__reader_at(size_t i)
{
	return i < sizeof(readers) / sizeof(readers[0]) ? readers[i] : NULL;
}

int l2e__reader_takes(const l2e__reader *r, const char *key)
{
	const l2e__option *o = l2e__option_find(r->options, r->n_options, key);

	return o && !o->refusal;
}

void l2e__reader_labels(l2e_buf *out,
                        int (*has)(const l2e__reader *r, const char *key),
                        const char *key)
{
	const l2e__reader *r;
	const char *sep;
	size_t i, n = 0, k = 0;

	for (i = 0; (r = l2e__reader_at(i)); i++)
		n += has(r, key) != 0;
	for (i = 0; (r = l2e__reader_at(i)); i++) {
		if (!has(r, key))
			continue;
		sep = k == 0 ? "" : k + 1 == n ? " and " : ", ";
		k++;
		l2e__buf_printf(out, "%s%s", sep, r->label);
	}
}
