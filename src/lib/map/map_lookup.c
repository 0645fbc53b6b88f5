/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_lookup.c - "lookups": named look-up tables (see l2e__lookup in
 * mapping.h), and the check that every $lookup( in a path names one.
 *
 *     "lookups": {
 *       "programmes": { "files": "programmes/STAR.json", "key": "id" },
 *       "consent":    { "table": "consent", "key": "number" },
 *       "offerings":  { "url": "/offerings/{id}" }
 *     }
 *
 * (STAR: the glob's '*'.)
 *
 * Only compiled here; tables are built and fetched in convert/lookup.c.
 */
#include "map/compile.h"

#include <stddef.h>
#include <string.h>

static int lk_source(l2e__loader *ld, l2e__lookup *lk, const l2e__node *v,
                     l2e__lookup_kind kind)
{
	const char *s, *id;
	int error;

	if ((error = l2e__mc_expect(ld, v, L2E__NODE_STRING,
	                            "a look-up source")) < 0)
		return error;
	/* "files" and "url" go together: the same export read from a
	   folder, or fetched from its API */
	if ((kind != L2E__LOOKUP_URL && lk->source) ||
	    (lk->source && lk->kind == L2E__LOOKUP_TABLE) ||
	    (kind == L2E__LOOKUP_TABLE && lk->url))
		return l2e__optc_bad_key(
		    &ld->oc, v,
		    "a look-up table has one of \"files\", "
		    "\"table\" and \"url\" (\"files\" "
		    "and \"url\" may go together)");
	s = v->text;
	if (!*s)
		return l2e__optc_bad(&ld->oc, v, "\"%s\" is empty", v->key);
	if (kind == L2E__LOOKUP_FILES &&
	    (s[0] == '/' || !strcmp(s, "..") || !strncmp(s, "../", 3) ||
	     strstr(s, "/../") ||
	     (strlen(s) >= 3 && !strcmp(s + strlen(s) - 3, "/..")) ||
	     strchr(s, '\\')))
		return l2e__optc_bad(
		    &ld->oc, v,
		    "\"files\" is a pattern inside the export's "
		    "folder, like \"programmes/*.json\" (no "
		    "'/' at the start, no \"..\")");
	if (kind != L2E__LOOKUP_URL) {
		if (!(lk->source = l2e__pool_strdup(&ld->map->pool, s)))
			return l2e__mc_oom(ld);
		lk->kind = kind;
		return 0;
	}
	id = strstr(s, "{id}");
	if (strstr(s, "://") || (s[0] == '/' && s[1] == '/'))
		return l2e__optc_bad(&ld->oc, v,
		                     "\"url\" is relative to the input URL "
		                     "(\"/programmes/{id}\"), so it stays on "
		                     "the same server");
	if (!id || strstr(id + 4, "{id}"))
		return l2e__optc_bad(&ld->oc, v,
		                     "\"url\" holds \"{id}\" once: where the "
		                     "id goes");
	if (!(lk->url = l2e__pool_strdup(&ld->map->pool, s)))
		return l2e__mc_oom(ld);
	if (!lk->source)
		lk->kind = L2E__LOOKUP_URL;
	return 0;
}

static int lk_files(l2e__loader *ld, void *out, const l2e__node *v,
                    const l2e__node *obj)
{
	(void)obj;
	return lk_source(ld, out, v, L2E__LOOKUP_FILES);
}

static int lk_table(l2e__loader *ld, void *out, const l2e__node *v,
                    const l2e__node *obj)
{
	(void)obj;
	return lk_source(ld, out, v, L2E__LOOKUP_TABLE);
}

static int lk_url(l2e__loader *ld, void *out, const l2e__node *v,
                  const l2e__node *obj)
{
	(void)obj;
	return lk_source(ld, out, v, L2E__LOOKUP_URL);
}

static int lk_entries(l2e__loader *ld, void *out, const l2e__node *v,
                      const l2e__node *obj)
{
	l2e__lookup *lk = out;

	(void)obj;
	if (lk->kind != L2E__LOOKUP_FILES)
		return l2e__optc_bad_key(&ld->oc, v,
		                         "\"entries\" goes with \"files\"");
	lk->has_entries = 1;
	return l2e__mc_path(ld, &lk->entries, v);
}

static int lk_key(l2e__loader *ld, void *out, const l2e__node *v,
                  const l2e__node *obj)
{
	l2e__lookup *lk = out;

	if (!lk->source && !lk->url)
		return l2e__optc_bad(&ld->oc, obj,
		                     "look-up table \"%s\" needs one of "
		                     "\"files\", \"table\" and \"url\"",
		                     obj->key);
	if (lk->kind == L2E__LOOKUP_URL) {
		if (v)
			return l2e__optc_bad_key(
			    &ld->oc, v,
			    "a \"url\" look-up fetches each "
			    "id itself: it has no \"key\"");
		return 0;
	}
	if (!v)
		return l2e__optc_bad(&ld->oc, obj,
		                     "look-up table \"%s\" needs \"key\": the "
		                     "path of an entry's id",
		                     obj->key);
	lk->has_key = 1;
	return l2e__mc_path(ld, &lk->key, v);
}

static int lk_max_entries(l2e__loader *ld, void *out, const l2e__node *v,
                          const l2e__node *obj)
{
	l2e__lookup *lk = out;

	(void)obj;
	if (lk->kind == L2E__LOOKUP_URL)
		return l2e__optc_bad_key(&ld->oc, v,
		                         "\"max_entries\" is for \"files\" and "
		                         "\"table\"; a \"url\" has "
		                         "\"max_requests\"");
	return l2e__mc_number(ld, &lk->max_entries, v, 1, 100000000,
	                      "\"max_entries\"");
}

static int lk_max_requests(l2e__loader *ld, void *out, const l2e__node *v,
                           const l2e__node *obj)
{
	l2e__lookup *lk = out;

	(void)obj;
	if (!lk->url)
		return l2e__optc_bad_key(&ld->oc, v,
		                         "\"max_requests\" goes with \"url\"");
	return l2e__mc_number(ld, &lk->max_requests, v, 1, 1000000,
	                      "\"max_requests\"");
}

/* Compiled in this order: the source first, the others depend on it. */
static const l2e__key lookup_keys[] = {
	L2E__ROW_CALL("files", lk_files, 0),
	L2E__ROW_CALL("table", lk_table, 0),
	L2E__ROW_CALL("url", lk_url, 0),
	L2E__ROW_CALL("key", lk_key, L2E__KEY_ALWAYS),
	L2E__ROW_CALL("entries", lk_entries, 0),
	L2E__ROW_CALL("max_entries", lk_max_entries, 0),
	L2E__ROW_CALL("max_requests", lk_max_requests, 0),
	{ .key = "comment" },
};

static int is_name(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

int l2e__mc_lookups(l2e__loader *ld, void *out, const l2e__node *v,
                    const l2e__node *obj)
{
	l2e_mapping *map = out;
	const l2e__node *t;
	l2e__lookup *lk;
	int error;

	(void)obj;
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_OBJECT, "\"lookups\"")) <
	    0)
		return error;
	map->lookups = l2e__pool_alloc(&map->pool, (v->n_children + 1) *
	                                               sizeof(*map->lookups));
	if (!map->lookups)
		return l2e__mc_oom(ld);
	for (t = v->first; t; t = t->next) {
		lk = &map->lookups[map->n_lookups];
		memset(lk, 0, sizeof(*lk));
		if (!is_name(t->key))
			return l2e__optc_bad_key(
			    &ld->oc, t,
			    "a look-up table's name has "
			    "only letters, digits, '_' and "
			    "'-' (at most 64)");
		if (!(lk->name = l2e__pool_strdup(&map->pool, t->key)))
			return l2e__mc_oom(ld);
		lk->max_entries = L2E__DEFAULT_MAX_LOOKUP_ENTRIES;
		lk->max_requests = L2E__DEFAULT_MAX_LOOKUP_REQUESTS;
		if ((error = l2e__mc_expect(ld, t, L2E__NODE_OBJECT,
		                            "a look-up table")) < 0 ||
		    (error = l2e__keys_check(ld, t, lookup_keys,
		                             L2E__N_KEYS(lookup_keys),
		                             "a look-up table")) < 0 ||
		    (error = l2e__keys_compile(ld, lk, t, lookup_keys,
		                               L2E__N_KEYS(lookup_keys))) < 0)
			return error;
		/* counted once whole: its own paths cannot look it up */
		map->n_lookups++;
	}
	return 0;
}
