/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_profile.c - "opt_in" and "profile": the sections of the learner
 * profile, where their items come from, and a rule per field. Fields that
 * hold personal data need an opt-in.
 */
#include "map/compile.h"

#include <stddef.h>
#include <string.h>

#include "core/buf.h"

/* ==== Sections ==== */

static int opt_in_allowed(l2e__loader *ld, int section, int field,
                          const l2e__node *at)
{
	const l2e__section_spec *s = &l2e__sections[section];

	if (!(s->fields[field].flags & L2E__F_OPT_IN))
		return 0;
	if (ld->map->opt_in[section] & (1u << field))
		return 0;
	return l2e__optc_bad_key(&ld->oc, at,
	                         "%s.%s is personal data: list \"%s.%s\" in "
	                         "\"opt_in\" to write it",
	                         s->name, s->fields[field].name, s->name,
	                         s->fields[field].name);
}

static int unknown_field(l2e__loader *ld, int section, const l2e__node *f)
{
	const l2e__section_spec *s = &l2e__sections[section];
	l2e_buf known = L2E_BUF_INIT;
	size_t k;
	int error;

	for (k = 0; k < s->n_fields; k++)
		l2e__buf_printf(&known, "%s%s", k ? ", " : "",
		                s->fields[k].name);
	error =
	    l2e__optc_bad_key(&ld->oc, f, "%s has no field \"%s\" (fields: %s)",
	                      s->name, f->key, known.ptr ? known.ptr : "");
	l2e_buf_dispose(&known);
	return error;
}

static int compile_fields(l2e__loader *ld, l2e__block *b, const l2e__node *obj)
{
	const l2e__section_spec *s = &l2e__sections[b->section];
	const l2e__node *f;
	l2e_buf target = L2E_BUF_INIT;
	const char *name;
	size_t i = 0;
	int field, error;

	if ((error = l2e__mc_expect(ld, obj, L2E__NODE_OBJECT, "fields")) < 0)
		return error;
	b->rules = l2e__pool_alloc(&ld->map->pool,
	                           (obj->n_children + 1) * sizeof(*b->rules));
	if (!b->rules)
		return l2e__mc_oom(ld);
	for (f = obj->first; f; f = f->next) {
		if (strcmp(f->key, "comment") == 0)
			continue;
		field = l2e__field_find(b->section, f->key);
		if (field < 0) {
			error = unknown_field(ld, b->section, f);
			if (l2e__mc_keep_going(ld, error))
				continue;
			goto done;
		}
		if ((error = opt_in_allowed(ld, b->section, field, f)) < 0) {
			if (l2e__mc_keep_going(ld, error))
				continue;
			goto done;
		}
		l2e__buf_clear(&target);
		if (l2e__buf_printf(&target, "%s.%s", s->name, f->key) < 0 ||
		    !(name = l2e__pool_strdup(&ld->map->pool, target.ptr))) {
			error = l2e__mc_oom(ld);
			goto done;
		}
		error =
		    l2e__mc_rule(ld, &b->rules[i], f, name, b->section, field);
		if (l2e__mc_keep_going(ld, error))
			continue;
		if (error < 0)
			goto done;
		i++;
	}
	b->n_rules = i;
	error = 0;
done:
	l2e_buf_dispose(&target);
	return error;
}

static int block_each(l2e__loader *ld, void *out, const l2e__node *v,
                      const l2e__node *n)
{
	l2e__block *b = out;
	int error;

	if (!v)
		return l2e__optc_bad(&ld->oc, n,
		                     "%s needs \"each\": the path of its items",
		                     l2e__sections[b->section].name);
	if ((error = l2e__mc_path(ld, &b->each, v)) < 0)
		return error;
	b->has_each = 1;
	return 0;
}

static int block_split(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *n)
{
	l2e__block *b = out;
	int error;

	(void)n;
	if ((error = l2e__mc_text(ld, v, &b->split, "\"split\"")) < 0)
		return error;
	if (!*b->split)
		return l2e__optc_bad(&ld->oc, v, "\"split\" needs a separator");
	return 0;
}

static int block_fields(l2e__loader *ld, void *out, const l2e__node *v,
                        const l2e__node *n)
{
	l2e__block *b = out;

	if (!v)
		return l2e__optc_bad(&ld->oc, n, "%s needs \"fields\"",
		                     l2e__sections[b->section].name);
	return compile_fields(ld, b, v);
}

/* A list section; compiled in this order. */
static const l2e__key block_keys[] = {
	{ .key = "each", .compile = block_each, .flags = L2E__KEY_ALWAYS },
	{ .key = "split", .compile = block_split },
	{ .key = "group_by",
	  .kind = L2E__KEY_PATH,
	  .at = offsetof(l2e__block, group_by),
	  .flags = L2E__KEY_MARK,
	  .mark = offsetof(l2e__block, has_group_by) },
	L2E__ROW_COND("where", l2e__block, where),
	L2E__ROW_VALUE("shared", L2E__KEY_BOOL, l2e__block, shared),
	{ .key = "fields", .compile = block_fields, .flags = L2E__KEY_ALWAYS },
	{ .key = "comment" },
};

static int compile_block(l2e__loader *ld, l2e__block *b, int section,
                         const l2e__node *n)
{
	int error;

	b->section = section;
	if (!l2e__sections[section].is_list)
		return compile_fields(ld, b, n);
	if ((error = l2e__mc_expect(ld, n, L2E__NODE_OBJECT,
	                            "a list section")) < 0 ||
	    (error = l2e__keys_check(ld, n, block_keys, L2E__N_KEYS(block_keys),
	                             "a list section")) < 0)
		return error;
	return l2e__keys_compile(ld, b, n, block_keys, L2E__N_KEYS(block_keys));
}

int l2e__mc_profile(l2e__loader *ld, void *out, const l2e__node *profile,
                    const l2e__node *root)
{
	l2e_mapping *map = ld->map;
	const l2e__node *s, *e;
	size_t n = 0;
	int section, error;

	(void)out;
	(void)root;
	if ((error = l2e__mc_expect(ld, profile, L2E__NODE_OBJECT,
	                            "\"profile\"")) < 0)
		return error;
	for (s = profile->first; s; s = s->next)
		n += s->kind == L2E__NODE_ARRAY ? s->n_children : 1;
	map->blocks =
	    l2e__pool_alloc(&map->pool, (n + 1) * sizeof(*map->blocks));
	if (!map->blocks)
		return l2e__mc_oom(ld);
	for (s = profile->first; s; s = s->next) {
		if (strcmp(s->key, "comment") == 0)
			continue;
		section = l2e__section_find(s->key);
		if (section < 0) {
			error = l2e__optc_bad_key(
			    &ld->oc, s,
			    "unknown profile section \"%s\" "
			    "(document, person, headline, education, "
			    "work, languages, digital_skills, "
			    "certificates, career)",
			    s->key);
			if (l2e__mc_keep_going(ld, error))
				continue;
			return error;
		}
		for (e = s->kind == L2E__NODE_ARRAY &&
		                 l2e__sections[section].is_list
		             ? s->first
		             : s;
		     e; e = e == s ? NULL : e->next) {
			error = compile_block(ld, &map->blocks[map->n_blocks++],
			                      section, e);
			if (error < 0 && !l2e__mc_keep_going(ld, error))
				return error;
		}
	}
	return 0;
}

int l2e__mc_opt_in(l2e__loader *ld, void *out, const l2e__node *list,
                   const l2e__node *root)
{
	const l2e__node *e;
	char section_name[64];
	const char *dot;
	int section, field, error;

	(void)out;
	(void)root;
	if ((error = l2e__mc_expect(ld, list, L2E__NODE_ARRAY, "\"opt_in\"")) <
	    0)
		return error;
	for (e = list->first; e; e = e->next) {
		if ((error = l2e__mc_expect(ld, e, L2E__NODE_STRING,
		                            "an opt-in")) < 0)
			return error;
		dot = strchr(e->text, '.');
		if (!dot || (size_t)(dot - e->text) >= sizeof(section_name))
			return l2e__optc_bad(&ld->oc, e,
			                     "an opt-in is \"section.field\"");
		memcpy(section_name, e->text, (size_t)(dot - e->text));
		section_name[dot - e->text] = '\0';
		section = l2e__section_find(section_name);
		field = section < 0 ? -1 : l2e__field_find(section, dot + 1);
		if (field < 0)
			return l2e__optc_bad(&ld->oc, e, "unknown field \"%s\"",
			                     e->text);
		if (!(l2e__sections[section].fields[field].flags &
		      L2E__F_OPT_IN))
			return l2e__optc_bad(
			    &ld->oc, e,
			    "%s is not personal data; it needs no "
			    "opt-in",
			    e->text);
		ld->map->opt_in[section] |= 1u << field;
	}
	return 0;
}
