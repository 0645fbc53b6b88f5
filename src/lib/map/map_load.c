/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_load.c - read a mapping file and compile it (see mapping.h): the
 * compiler's core. The objects of a mapping compile in their own files
 * (see compile.h); this one holds the top level and the dossier and the
 * public load functions.
 *
 * The file is parsed into a record tree (so every node has a line and
 * column) and then walked once. Anything the walk does not understand is
 * an error at its position: unknown keys, wrong types, unknown profile
 * fields, bad paths, bad date formats, unknown code lists, personal data
 * without an opt-in. A mapping that loads is one that can run.
 */
#include "map/compile.h"

#include <stddef.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/look.h"
#include "core/file.h"
#include "core/hash.h"
#include "map/map_values.h"
#include "read/json_tree.h"

/* What is wrong with a file that is no mapping, and what to do. */
#define NOT_A_MAPPING(why)                                                   \
	"this is not a mapping file: " why " (an export?); give the export " \
	"as INPUT and a mapping with --mapping ('lob2europass mapping "      \
	"list' shows them)"

/* ==== The dossier ==== */

#define L2E__MAX_KEYS 8

/* "key": a path, or a list of paths tried in order (a fallback key). */
static int dossier_key(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *d)
{
	l2e_mapping *map = out;
	const l2e__node *e;
	int error;

	(void)d;
	if (v->kind == L2E__NODE_ARRAY &&
	    (v->n_children == 0 || v->n_children > L2E__MAX_KEYS))
		return l2e__optc_bad(&ld->oc, v,
		                     "\"key\" lists 1 to %d paths, the first "
		                     "that has a value is the key",
		                     L2E__MAX_KEYS);
	map->keys = l2e__pool_alloc(
	    &map->pool, (v->kind == L2E__NODE_ARRAY ? v->n_children : 1) *
	                    sizeof(*map->keys));
	if (!map->keys)
		return l2e__mc_oom(ld);
	for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
	     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL)
		if ((error = l2e__mc_path(ld, &map->keys[map->n_keys++], e)) <
		    0)
			return error;
	map->key = map->keys[0];
	return 0;
}

static const l2e__key dossier_keys[] = {
	{ .key = "key",
	  .compile = dossier_key,
	  .missing = "\"dossier\" needs \"key\": the path of the student "
	             "number" },
	L2E__ROW_COND("include", l2e_mapping, include),
	L2E__ROW_VALUE("skip_message", L2E__KEY_TEXT, l2e_mapping,
	               skip_message),
	L2E__ROW_VALUE("merge", L2E__KEY_BOOL, l2e_mapping, merge),
	L2E__ROW_COND("records_where", l2e_mapping, records_where),
	{ .key = "comment" },
};

static int compile_dossier(l2e__loader *ld, void *out, const l2e__node *d,
                           const l2e__node *root)
{
	int error;

	(void)root;
	if ((error = l2e__mc_expect(ld, d, L2E__NODE_OBJECT, "\"dossier\"")) <
	        0 ||
	    (error =
	         l2e__keys_check(ld, d, dossier_keys, L2E__N_KEYS(dossier_keys),
	                         "\"dossier\"")) < 0)
		return error;
	return l2e__keys_compile(ld, out, d, dossier_keys,
	                         L2E__N_KEYS(dossier_keys));
}

/* ==== The top level ==== */

static int top_version(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *root)
{
	(void)out;
	if (!v || v->kind != L2E__NODE_NUMBER || strcmp(v->text, "1") != 0)
		return l2e__optc_bad(&ld->oc, v ? v : root,
		                     "\"lob2europass_mapping\": 1 is "
		                     "required (mapping format version)");
	return 0;
}

/*
 * Compiled in this order; in check mode each part (L2E__KEY_PART) is
 * checked even when one before failed. Opt-ins before the profile: field
 * rules are checked against them.
 */
static const l2e__key mapping_keys[] = {
	L2E__ROW_CALL("lob2europass_mapping", top_version, L2E__KEY_ALWAYS),
	{ .key = "name",
	  .kind = L2E__KEY_TEXT,
	  .at = offsetof(l2e_mapping, name),
	  .missing = "the mapping needs a \"name\"" },
	L2E__ROW_VALUE("description", L2E__KEY_TEXT, l2e_mapping, description),
	{ .key = "lookups",
	  .compile = l2e__mc_lookups,
	  .flags = L2E__KEY_PART },
	{ .key = "source",
	  .compile = l2e__mc_source,
	  .flags = L2E__KEY_PART,
	  .missing = "the mapping needs \"source\"" },
	{ .key = "dossier",
	  .compile = compile_dossier,
	  .flags = L2E__KEY_PART,
	  .missing = "the mapping needs \"dossier\"" },
	{ .key = "opt_in", .compile = l2e__mc_opt_in, .flags = L2E__KEY_PART },
	{ .key = "profile",
	  .compile = l2e__mc_profile,
	  .flags = L2E__KEY_PART,
	  .missing = "the mapping needs \"profile\"" },
	{ .key = "comment" },
	{ .key = "$schema" },
};

static int compile_mapping(l2e__loader *ld, const l2e__node *root)
{
	int error;

	if (!root)
		return l2e__error_set_at(ld->ctx, L2E_EMAPPING,
		                         L2E_ERRCLASS_MAP, ld->map->file, 1, 1,
		                         NULL, "the mapping file is empty");
	/* an export given where a mapping is expected: none of the keys a
	 * mapping needs (a mapping being written has some of them) */
	if (root->kind == L2E__NODE_OBJECT &&
	    !l2e__node_member(root, "lob2europass_mapping") &&
	    !l2e__node_member(root, "dossier") &&
	    !l2e__node_member(root, "profile"))
		return l2e__optc_bad(&ld->oc, root, "%s",
		                     NOT_A_MAPPING("it has no "
		                                   "\"lob2europass_mapping\", "
		                                   "\"dossier\" or "
		                                   "\"profile\""));
	if ((error = l2e__mc_expect(ld, root, L2E__NODE_OBJECT, "a mapping")) <
	        0 ||
	    (error = l2e__keys_check(ld, root, mapping_keys,
	                             L2E__N_KEYS(mapping_keys),
	                             "the mapping")) < 0 ||
	    (error = l2e__keys_compile(ld, ld->map, root, mapping_keys,
	                               L2E__N_KEYS(mapping_keys))) < 0 ||
	    (error = l2e__mc_zone(ld, &ld->map->default_zone, L2E__ZONE_DEFAULT,
	                          NULL)) < 0)
		return error;
	return ld->n_errors ? L2E_EMAPPING : 0;
}

/* ==== Loading ==== */

static int load(l2e_mapping **out, l2e_ctx *ctx, const char *name,
                const char *data, size_t len, const char *codelist_dir,
                l2e_diag_cb cb, void *payload)
{
	l2e__pool tree_pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL, *extra = NULL;
	l2e_mapping *map;
	l2e__loader ld;
	l2e__look look;
	int error;

	*out = NULL;
	if (len > ctx->opts.max_mapping_bytes)
		return l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_MAP,
		                         name, 0, 0, NULL,
		                         "larger than max_mapping_bytes (%zu)",
		                         ctx->opts.max_mapping_bytes);
	if (!(map = l2e__calloc(1, sizeof(*map))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	l2e__loader_init(&ld, ctx, map);
	ld.codelist_dir = codelist_dir;
	ld.cb = cb;
	ld.payload = payload;
	if (!(map->file = l2e__pool_strdup(&map->pool, name))) {
		error = l2e__mc_oom(&ld);
		goto done;
	}
	map->fingerprint = l2e__fnv(L2E__FNV_INIT, data, len);
	look = l2e__sniff((const unsigned char *)data,
	                  len < L2E__SNIFF_BYTES ? len : L2E__SNIFF_BYTES);
	if (look != L2E__LOOK_JSON && look != L2E__LOOK_EMPTY) {
		error = l2e__error_set_at(ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP,
		                          name, 0, 0, NULL,
		                          NOT_A_MAPPING("it %s, a mapping is "
		                                        "JSON"),
		                          l2e__look_label(look));
		goto done;
	}
	l2e__json_cursor_init(&cur, map->file, data, len, &ctx->opts);
	if ((error = l2e__json_next(&root, &tree_pool, ctx, &cur)) < 0)
		goto done;
	if (root && (error = l2e__json_next(&extra, &tree_pool, ctx, &cur)) < 0)
		goto done;
	if (extra) {
		error = l2e__optc_bad(&ld.oc, extra,
		                      "text after the mapping object");
		goto done;
	}
	if ((error = compile_mapping(&ld, root)) < 0)
		goto done;
	*out = map;
	map = NULL;
done:
	/* a mapping the JSON reader refuses is a broken mapping; running
	 * out of memory while reading it is not */
	if (error < 0 && error != L2E_ENOMEM &&
	    ctx->err.klass == L2E_ERRCLASS_READ)
		ctx->err.code = error = L2E_EMAPPING;
	/* what did not go through l2e__optc_bad(): syntax, I/O, memory */
	if (error < 0 && !(error == L2E_EMAPPING && ld.n_errors))
		l2e__mc_report(&ld);
	l2e__pool_clear(&tree_pool);
	l2e_mapping_free(map);
	return error;
}

int l2e_mapping_load_memory(l2e_mapping **out, l2e_ctx *ctx, const char *name,
                            const char *data, size_t len,
                            const char *codelist_dir)
{
	L2E_ASSERT_ARG(out && ctx && name && data);
	l2e__error_clear(ctx);
	return load(out, ctx, name, data, len, codelist_dir, NULL, NULL);
}

static char *dir_of(const char *path, const char *sub)
{
	l2e_buf b = L2E_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int error;

	if (slash)
		error = l2e__buf_put(&b, path, (size_t)(slash - path));
	else
		error = l2e__buf_puts(&b, ".");
	/* out of memory half-way must not give another folder */
	if (error < 0 || l2e__buf_printf(&b, "/%s", sub) < 0) {
		l2e_buf_dispose(&b);
		return NULL;
	}
	return l2e__buf_detach(&b);
}

int l2e__mc_load_file(l2e_mapping **out, l2e_ctx *ctx, const char *path,
                      l2e_diag_cb cb, void *payload)
{
	l2e_buf text = L2E_BUF_INIT;
	char *codelists = NULL;
	int error;

	*out = NULL;
	error = l2e__file_read(&text, ctx, path, ctx->opts.max_mapping_bytes,
	                       "max_mapping_bytes");
	if (error < 0)
		goto done;
	if (!(codelists = dir_of(path, "codelists"))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	error =
	    load(out, ctx, path, text.ptr, text.len, codelists, cb, payload);
done:
	l2e__free(codelists);
	l2e_buf_dispose(&text);
	return error;
}

int l2e_mapping_load(l2e_mapping **out, l2e_ctx *ctx, const char *path)
{
	L2E_ASSERT_ARG(out && ctx && path);
	l2e__error_clear(ctx);
	return l2e__mc_load_file(out, ctx, path, NULL, NULL);
}

void l2e_mapping_free(l2e_mapping *map)
{
	l2e__regex *rx;

	if (!map)
		return;
	for (rx = map->regexes; rx; rx = rx->next)
		regfree(&rx->re);
	l2e__pool_clear(&map->pool);
	l2e__free(map);
}

const char *l2e_mapping_name(const l2e_mapping *map)
{
	return map ? map->name : NULL;
}

const char *l2e_mapping_description(const l2e_mapping *map)
{
	return map ? map->description : NULL;
}
