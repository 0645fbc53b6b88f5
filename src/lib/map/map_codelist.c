/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_codelist.c - value maps: a rule's inline "map", and code lists,
 * JSON files in the mapping's codelists/ folder that rules name with
 * "codelist". A code list is loaded once per mapping, however many rules
 * name it; mistakes inside it are reported against its own file.
 */
#include "map/compile.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"
#include "core/hash.h"
#include "read/json_tree.h"

int l2e__mc_valuemap(l2e__loader *ld, l2e__valuemap *vm, const l2e__node *obj)
{
	const l2e__node *e;
	long dup;
	size_t i = 0;
	int error;

	if ((error = l2e__mc_expect(ld, obj, L2E__NODE_OBJECT, "a value map")) <
	    0)
		return error;
	vm->entries = l2e__pool_alloc(&ld->map->pool, (obj->n_children + 1) *
	                                                  sizeof(*vm->entries));
	if (!vm->entries)
		return l2e__mc_oom(ld);
	for (e = obj->first; e; e = e->next) {
		if (!(vm->entries[i].from =
		          l2e__pool_strdup(&ld->map->pool, e->key)))
			return l2e__mc_oom(ld);
		if ((error = l2e__mc_text(ld, e, &vm->entries[i].to,
		                          "a mapped value")) < 0)
			return error;
		i++;
	}
	vm->n_entries = i;
	dup = l2e__valuemap_sort(vm);
	if (dup >= 0) {
		for (e = obj->first; e; e = e->next)
			if (strcmp(e->key, vm->entries[dup].from) == 0)
				break;
		return l2e__optc_bad(
		    &ld->oc, e ? e : obj, "\"%s\" is listed twice%s",
		    vm->entries[dup].from,
		    vm->is_case_sensitive ? "" : " (matching ignores case)");
	}
	return 0;
}

static int valid_codelist_name(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* What a code list file's keys compile into. */
typedef struct codelist_file {
	l2e_mapping *map; /* the mapping: the entries live in its pool */
	const char *path; /* the code list file */
	l2e__valuemap *vm;
} codelist_file;

static int cl_case_sensitive(l2e__loader *ld, void *out, const l2e__node *n,
                             const l2e__node *root)
{
	codelist_file *cf = out;

	(void)root;
	if (n->kind != L2E__NODE_BOOL)
		return l2e__optc_bad(&ld->oc, n,
		                     "\"case_sensitive\" is true or false");
	cf->vm->is_case_sensitive = strcmp(n->text, "true") == 0;
	return 0;
}

static int cl_entries(l2e__loader *ld, void *out, const l2e__node *n,
                      const l2e__node *root)
{
	codelist_file *cf = out;
	l2e__loader entries = *ld;
	const char *keep = cf->map->file;
	int error;

	if (!n)
		return l2e__optc_bad(&ld->oc, root,
		                     "a code list needs \"entries\"");
	/* allocated from the mapping's pool, reported against the file */
	entries.map = cf->map;
	cf->map->file = cf->path;
	error = l2e__mc_valuemap(&entries, cf->vm, n);
	cf->map->file = keep;
	return error;
}

static const l2e__key codelist_keys[] = {
	{ .key = "codelist" },
	{ .key = "description" },
	{ .key = "source" },
	{ .key = "case_sensitive", .compile = cl_case_sensitive },
	{ .key = "entries", .compile = cl_entries, .flags = L2E__KEY_ALWAYS },
	{ .key = "comment" },
};

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

/* $L2E_CODELISTS_DIR, else the installed mappings' code lists. */
const char *l2e__codelists_installed(void)
{
	const char *dir = getenv("L2E_CODELISTS_DIR");

	return dir && *dir ? dir : L2E_DATADIR "/mappings/codelists";
}

/* Read a code list file; a missing one is no error on the context
 * (another folder may have it). */
static int read_quietly(l2e__loader *ld, l2e_buf *text, const char *path)
{
	int error =
	    l2e__file_read(text, ld->ctx, path, ld->ctx->opts.max_mapping_bytes,
	                   "max_mapping_bytes");

	if (error == L2E_ENOTFOUND)
		l2e__error_clear(ld->ctx);
	return error;
}

int l2e__mc_codelist(l2e__loader *ld, const l2e__valuemap **out,
                     const l2e__node *name_node)
{
	l2e_mapping *map = ld->map;
	l2e_buf path = L2E_BUF_INIT, text = L2E_BUF_INIT;
	l2e__pool tree_pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL, *extra = NULL;
	l2e__valuemap *vm, **grown;
	l2e_mapping file_map;
	codelist_file cf;
	l2e__loader sub = *ld;
	size_t i;
	int error = 0;

	if ((error = l2e__mc_expect(ld, name_node, L2E__NODE_STRING,
	                            "\"codelist\"")) < 0)
		return error;
	for (i = 0; i < map->n_codelists; i++)
		if (strcmp(map->codelists[i]->name, name_node->text) == 0) {
			*out = map->codelists[i];
			return 0;
		}
	if (!valid_codelist_name(name_node->text))
		return l2e__optc_bad(&ld->oc, name_node,
		                     "a code list name has only a-z, 0-9, "
		                     "'-' and '_'");
	/* the mapping's own folder first: a school's list of the same
	 * name wins; then the installed lists, so a folder needs no copy */
	error = L2E_ENOTFOUND;
	if (ld->codelist_dir) {
		if (l2e__buf_printf(&path, "%s/%s.json", ld->codelist_dir,
		                    name_node->text) < 0)
			return l2e__mc_oom(ld);
		error = read_quietly(ld, &text, path.ptr);
	}
	if (error == L2E_ENOTFOUND) {
		l2e_buf installed = L2E_BUF_INIT;

		if (l2e__buf_printf(&installed, "%s/%s.json",
		                    l2e__codelists_installed(),
		                    name_node->text) < 0) {
			error = l2e__mc_oom(ld);
			goto done;
		}
		error = read_quietly(ld, &text, installed.ptr);
		if (error != L2E_ENOTFOUND || !path.ptr) {
			l2e_buf_dispose(&path);
			path = installed; /* errors name the file read */
		} else {
			l2e_buf_dispose(&installed);
		}
	}
	if (error == 0)
		map->fingerprint =
		    l2e__fnv(map->fingerprint, text.ptr, text.len);
	if (error == L2E_ENOTFOUND) {
		error = l2e__optc_bad(&ld->oc, name_node,
		                      "unknown code list \"%s\" (no %s, nor "
		                      "among the installed code lists)",
		                      name_node->text, path.ptr);
		goto done;
	}
	if (error < 0)
		goto done;

	/* errors inside the code list point into the code list file */
	memset(&file_map, 0, sizeof(file_map));
	file_map.file = path.ptr;
	sub.map = &file_map;
	l2e__json_cursor_init(&cur, path.ptr, text.ptr, text.len,
	                      &ld->ctx->opts);
	if ((error = l2e__json_next(&root, &tree_pool, ld->ctx, &cur)) < 0)
		goto done;
	if (!root || root->kind != L2E__NODE_OBJECT) {
		error = l2e__error_set_at(ld->ctx, L2E_EMAPPING,
		                          L2E_ERRCLASS_MAP, path.ptr, 1, 1,
		                          NULL, "a code list is a JSON object");
		goto done;
	}
	if ((error = l2e__json_next(&extra, &tree_pool, ld->ctx, &cur)) < 0)
		goto done;
	if (extra) {
		error = l2e__optc_bad(&sub.oc, extra,
		                      "text after the code list object");
		goto done;
	}
	if ((error = l2e__keys_check(&sub, root, codelist_keys,
	                             L2E__N_KEYS(codelist_keys),
	                             "a code list")) < 0)
		goto done;
	if (!(vm = l2e__pool_alloc(&map->pool, sizeof(*vm))) ||
	    !(vm->name = l2e__pool_strdup(&map->pool, name_node->text))) {
		error = l2e__mc_oom(ld);
		goto done;
	}
	cf.map = map;
	cf.path = path.ptr;
	cf.vm = vm;
	if ((error = l2e__keys_compile(&sub, &cf, root, codelist_keys,
	                               L2E__N_KEYS(codelist_keys))) < 0)
		goto done;
	grown = l2e__pool_alloc(&map->pool,
	                        (map->n_codelists + 1) * sizeof(*grown));
	if (!grown) {
		error = l2e__mc_oom(ld);
		goto done;
	}
	if (map->n_codelists)
		memcpy(grown, map->codelists,
		       map->n_codelists * sizeof(*grown));
	grown[map->n_codelists++] = vm;
	map->codelists = grown;
	*out = vm;
done:
	l2e__pool_clear(&tree_pool);
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&text);
	return error;
}
