/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * coverage.c - which source fields does a mapping read, which profile
 * fields does it fill? (l2e_mapping_coverage)
 *
 * The mapping runs over a real export; path evaluation marks every node
 * it reaches. Afterwards each field (its path with [] for list
 * positions) that holds values but was never reached in any record is
 * reported once, with where it first occurs and how often. A field read
 * in some records is covered, even if a condition skipped it in others.
 *
 * The other way round, per rule of the mapping: in how many records (or
 * items, for a list section) it found a value, counted by a counting
 * trace on the evaluation (map/map_trace.h); a rule that never finds
 * one is a warning, the others are notes.
 */
#include <string.h>

#include "convert/input.h"
#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "map/map_trace.h"
#include "map/mapping.h"
#include "core/natid.h"

#define MAX_FIELDS 4096

typedef struct unread {
	char *path;
	char *file;
	unsigned line;
	unsigned column;
	size_t count;
	size_t n_read;
} unread;

typedef struct collector {
	unread *items;
	size_t n;
	size_t cap;
	const char *input_name;
	int is_oom;
} collector;

static int field_path(l2e_buf *out, const l2e__node *n)
{
	const l2e__node *chain[256];
	size_t depth = 0;
	int error = 0;

	for (; n && n->parent && depth < 256; n = n->parent)
		chain[depth++] = n;
	while (depth-- > 0 && !error) {
		const l2e__node *c = chain[depth];

		if (c->parent->kind == L2E__NODE_ARRAY)
			error = l2e__buf_puts(out, "[]");
		else
			error = l2e__buf_printf(out, "%s%s",
			                        out->len ? "." : "", c->key);
	}
	return error;
}

static void note(collector *col, const l2e__node *n, int is_read)
{
	l2e_buf path = L2E_BUF_INIT;
	const char *file;
	size_t i;

	if (field_path(&path, n) < 0 || !path.ptr) {
		col->is_oom = 1;
		goto done;
	}
	for (i = 0; i < col->n; i++)
		if (!strcmp(col->items[i].path, path.ptr)) {
			col->items[i].count++;
			col->items[i].n_read += (size_t)is_read;
			goto done;
		}
	if (col->n == MAX_FIELDS)
		goto done;
	if (col->n == col->cap) {
		size_t cap = col->cap ? col->cap * 2 : 32;
		unread *grown = l2e__realloc(col->items, cap * sizeof(*grown));

		if (!grown) {
			col->is_oom = 1;
			goto done;
		}
		col->items = grown;
		col->cap = cap;
	}
	file = l2e__node_file(n);
	col->items[col->n].path = l2e__buf_detach(&path);
	col->items[col->n].file = l2e__strdup(file ? file : col->input_name);
	col->items[col->n].line = n->line;
	col->items[col->n].column = n->column;
	col->items[col->n].count = 1;
	col->items[col->n].n_read = (size_t)is_read;
	col->n++;
done:
	l2e_buf_dispose(&path);
}

static int has_text(const l2e__node *n)
{
	const char *s = n->text;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s != '\0';
}

static void walk(collector *col, const l2e__node *n)
{
	const l2e__node *c;

	if (l2e__node_is_scalar(n)) {
		if (has_text(n))
			note(col, n, n->is_read);
		return;
	}
	for (c = n->first; c; c = c->next)
		walk(col, c);
}

static void on_document(const l2e__node *root, void *payload)
{
	walk(payload, root);
}

static int is_filled(const l2e_mapping *map, int section, int field)
{
	size_t b, r;

	for (b = 0; b < map->n_blocks; b++) {
		if (map->blocks[b].section != section)
			continue;
		for (r = 0; r < map->blocks[b].n_rules; r++)
			if (map->blocks[b].rules[r]->field == field)
				return 1;
	}
	return 0;
}

static void report_unfilled(const l2e_mapping *map, l2e_diag_cb cb,
                            void *payload)
{
	l2e_buf msg = L2E_BUF_INIT;
	l2e_diag d;
	int s, f;

	for (s = 0; s < L2E__SEC_COUNT; s++)
		for (f = 0; f < (int)l2e__sections[s].n_fields; f++) {
			const l2e__field_spec *spec =
			    &l2e__sections[s].fields[f];

			if (is_filled(map, s, f))
				continue;
			l2e__buf_clear(&msg);
			l2e__buf_printf(&msg,
			                "profile field %s.%s is filled by no "
			                "rule%s",
			                l2e__sections[s].name, spec->name,
			                spec->flags & L2E__F_OPT_IN
			                    ? " (personal data: needs opt_in)"
			                    : "");
			memset(&d, 0, sizeof(d));
			d.severity = L2E_SEVERITY_WARNING;
			d.message = msg.ptr ? msg.ptr : "out of memory";
			d.file = map->file;
			cb(&d, payload);
		}
	l2e_buf_dispose(&msg);
}

static void report_rule(const l2e_mapping *map, const l2e__rule *r,
                        const l2e_trace *counts, l2e_buf *msg, l2e_diag_cb cb,
                        void *payload)
{
	int is_list = l2e__sections[r->section].is_list;
	const char *unit;
	size_t n_tried, n_set;
	l2e_diag d;

	l2e__trace_count_of(counts, r, &n_tried, &n_set);
	if (n_tried == 1)
		unit = is_list ? "item" : "record";
	else
		unit = is_list ? "items" : "records";
	l2e__buf_clear(msg);
	if (!n_tried)
		l2e__buf_printf(msg,
		                "profile field %s: the rule never ran (no "
		                "%s reached it)",
		                r->target, is_list ? "item" : "record");
	else if (!n_set)
		l2e__buf_printf(msg,
		                "profile field %s: no value in any of %zu %s; "
		                "check the rule's path",
		                r->target, n_tried, unit);
	else
		l2e__buf_printf(msg,
		                "profile field %s: a value in %zu of %zu %s",
		                r->target, n_set, n_tried, unit);
	memset(&d, 0, sizeof(d));
	d.severity = n_set ? L2E_SEVERITY_NOTE : L2E_SEVERITY_WARNING;
	d.message = msg->ptr ? msg->ptr : "out of memory";
	d.file = map->file;
	d.line = r->line;
	d.column = r->column;
	d.rule = r->target;
	cb(&d, payload);
}

static void report_rules(const l2e_mapping *map, const l2e_trace *counts,
                         l2e_diag_cb cb, void *payload)
{
	l2e_buf msg = L2E_BUF_INIT;
	size_t b, r;

	for (b = 0; b < map->n_blocks; b++)
		for (r = 0; r < map->blocks[b].n_rules; r++)
			report_rule(map, map->blocks[b].rules[r], counts, &msg,
			            cb, payload);
	l2e_buf_dispose(&msg);
}

int l2e_mapping_coverage(l2e_ctx *ctx, const l2e_mapping *map,
                         const char *input_path, l2e_diag_cb cb, void *payload)
{
	collector col = { NULL, 0, 0, input_path, 0 };
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	l2e_trace *counts = NULL;
	l2e_buf msg = L2E_BUF_INIT, path = L2E_BUF_INIT;
	l2e_diag g;
	size_t i;
	int error;

	L2E_ASSERT_ARG(ctx && map && input_path && cb);
	if ((error = l2e_input_open(&in, ctx, map, input_path)) < 0)
		return error;
	if (l2e__trace_new_counter(&counts) < 0) {
		l2e_input_free(in);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	}
	l2e_input_trace(in, counts);
	l2e__input_on_document(in, on_document, &col);
	while ((error = l2e_input_next(&d, in)) == 0 && d)
		l2e_dossier_free(d);
	l2e_input_free(in); /* walks the last document */
	if (error < 0)
		goto done;
	if (col.is_oom || l2e_trace_error(counts)) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	for (i = 0; i < col.n; i++) {
		if (col.items[i].n_read)
			continue;
		/* a member name is export data: it may hold a BSN */
		l2e__buf_clear(&msg);
		l2e__buf_clear(&path);
		if (l2e__natid_safe_text(&path, col.items[i].path, 256) < 0)
			l2e__buf_clear(&path);
		l2e__buf_printf(&msg,
		                "source field %s is read by no rule "
		                "(%zu value%s)",
		                path.ptr ? path.ptr : "?", col.items[i].count,
		                col.items[i].count == 1 ? "" : "s");
		memset(&g, 0, sizeof(g));
		g.severity = L2E_SEVERITY_WARNING;
		g.message = msg.ptr ? msg.ptr : "out of memory";
		g.file = col.items[i].file;
		g.line = col.items[i].line;
		g.column = col.items[i].column;
		g.field = path.ptr ? path.ptr : "?";
		cb(&g, payload);
	}
	report_unfilled(map, cb, payload);
	report_rules(map, counts, cb, payload);
done:
	l2e_trace_free(counts);
	for (i = 0; i < col.n; i++) {
		l2e__free(col.items[i].path);
		l2e__free(col.items[i].file);
	}
	l2e__free(col.items);
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&path);
	return error;
}
