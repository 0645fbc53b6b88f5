/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_source.c - "source": which reader reads the export, that reader's
 * own options, and where the student records are in what it reads.
 *
 * The compiler knows no reader. The format names one in the reader
 * table (read/reader.c); the reader lists the keys it reads and compiles
 * them into options only it reads (l2e__reader.options). A key of another
 * reader is refused with the names of the readers that take it.
 */
#include "map/compile.h"

#include <string.h>

#include "core/buf.h"

static int any_takes(const char *key)
{
	const l2e__reader *r;
	size_t i;

	for (i = 0; (r = l2e__reader_at(i)); i++)
		if (l2e__reader_takes(r, key))
			return 1;
	return 0;
}

/* A key that the chosen reader does not read: "is for CSV sources". */
static int refuse(l2e__loader *ld, const l2e__node *at, const char *why)
{
	l2e_buf owners = L2E_BUF_INIT;
	int error;

	l2e__reader_labels(&owners, l2e__reader_takes, at->key);
	error = l2e__optc_bad_key(&ld->oc, at, "%s%s\"%s\" is for %s sources",
	                          why ? why : "", why ? ": " : "", at->key,
	                          owners.ptr ? owners.ptr : "other");
	l2e_buf_dispose(&owners);
	return error;
}

/*
 * The other readers' keys first, in the reader table's order, then the
 * keys the chosen reader refuses with a reason of its own.
 */
static int other_readers_keys(l2e__loader *ld, const l2e__reader *chosen,
                              const l2e__node *src_node)
{
	const l2e__reader *r;
	const l2e__option *o;
	const l2e__node *e;
	size_t i, k;

	for (i = 0; (r = l2e__reader_at(i)); i++)
		for (k = 0; r != chosen && k < r->n_options; k++) {
			o = &r->options[k];
			if (!o->refusal &&
			    !l2e__option_find(chosen->options,
			                      chosen->n_options, o->key) &&
			    (e = l2e__node_member(src_node, o->key)))
				return refuse(ld, e, NULL);
		}
	for (k = 0; k < chosen->n_options; k++) {
		o = &chosen->options[k];
		if (o->refusal && (e = l2e__node_member(src_node, o->key)))
			return refuse(ld, e, o->refusal);
	}
	return 0;
}

/* The chosen reader's options, in its table's order. */
static int reader_options(l2e__loader *ld, const l2e__reader *r,
                          const l2e__node *src_node)
{
	l2e__source *src = &ld->map->source;
	void *opts = NULL;
	int error;

	if (r->opts_size &&
	    !(opts = l2e__pool_alloc(&ld->map->pool, r->opts_size)))
		return l2e__mc_oom(ld);
	src->opts = opts;
	if ((error = l2e__optc_compile(&ld->oc, opts, src_node, r->options,
	                               r->n_options)) < 0)
		return error;
	return r->options_done ? r->options_done(&ld->oc, opts, src, src_node)
	                       : 0;
}

static int src_records(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *src_node)
{
	l2e_mapping *map = ld->map;
	const l2e__node *e;
	int error;

	(void)out;
	if (!v && map->source.has_own_records)
		return 0;
	if (!v)
		return l2e__optc_bad(&ld->oc, src_node,
		                     "\"source\" needs \"records\": the path "
		                     "of the student records");
	map->records = l2e__pool_alloc(
	    &map->pool, (v->kind == L2E__NODE_ARRAY ? v->n_children + 1 : 1) *
	                    sizeof(*map->records));
	if (!map->records)
		return l2e__mc_oom(ld);
	for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
	     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL)
		if ((error = l2e__mc_path(ld, &map->records[map->n_records++],
		                          e)) < 0)
			return error;
	if (!map->n_records)
		return l2e__optc_bad(&ld->oc, v, "\"records\" lists no path");
	return 0;
}

/*
 * The keys of every source; the reader's own come between "format"
 * (which picks the reader) and these, compiled in this order.
 */
static const l2e__key source_keys[] = {
	{ .key = "format" },
	{ .key = "paging", .compile = l2e__mc_paging },
	{ .key = "records", .compile = src_records, .flags = L2E__KEY_ALWAYS },
	{ .key = "comment" },
};

static int unknown_format(l2e__loader *ld, const l2e__node *v)
{
	l2e_buf names = L2E_BUF_INIT;
	const l2e__reader *r;
	size_t i;
	int error;

	for (i = 0; (r = l2e__reader_at(i)); i++)
		l2e__buf_printf(&names, "%s%s", i ? ", " : "", r->name);
	error = l2e__optc_bad(&ld->oc, v, "unknown source format \"%s\" (%s)",
	                      v->text, names.ptr ? names.ptr : "");
	l2e_buf_dispose(&names);
	return error;
}

int l2e__mc_source(l2e__loader *ld, void *out, const l2e__node *src_node,
                   const l2e__node *root)
{
	l2e__source *src = &ld->map->source;
	const l2e__reader *r;
	const l2e__node *v;
	int error;

	(void)out;
	(void)root;
	if ((error = l2e__mc_expect(ld, src_node, L2E__NODE_OBJECT,
	                            "\"source\"")) < 0)
		return error;
	for (v = src_node->first; v; v = v->next)
		if (!l2e__key_find(source_keys, L2E__N_KEYS(source_keys),
		                   v->key) &&
		    !any_takes(v->key))
			return l2e__optc_bad_key(&ld->oc, v,
			                         "unknown key \"%s\" in "
			                         "\"source\"",
			                         v->key);
	if (!(v = l2e__node_member(src_node, "format")))
		return l2e__optc_bad(&ld->oc, src_node,
		                     "\"source\" needs \"format\"");
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_STRING, "\"format\"")) < 0)
		return error;
	if (!(r = l2e__reader_find(v->text)))
		return unknown_format(ld, v);
	src->reader = r;
	src->format = r->name;
	if ((error = other_readers_keys(ld, r, src_node)) < 0 ||
	    (error = reader_options(ld, r, src_node)) < 0)
		return error;
	return l2e__keys_compile(ld, NULL, src_node, source_keys,
	                         L2E__N_KEYS(source_keys));
}
