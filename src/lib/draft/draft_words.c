/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_words.c - the synonyms data file of `mapping init`
 * (mappings/init/synonyms.json): every name a school system may give a
 * profile field, the names of national identifiers, keys and consent,
 * and the words for yes and no. The words are data, never C.
 */
#include <string.h>

#include <cJSON.h>

#include "draft/draft.h"

#include "core/buf.h"
#include "core/file.h"

const char *const l2e__section_names[L2E__SEC_N] = {
	"person",    "headline",       "education",    "work",
	"languages", "digital_skills", "certificates", "career"
};

static const char *const type_names[] = { "text",     "date", "email",
	                                  "eqf",      "cefr", "country",
	                                  "language", "bool", "url" };

size_t l2e__draft_norm_into(char *out, size_t size, const char *s, size_t len)
{
	size_t i, j = 0;
	unsigned char c;

	for (i = 0; i < len && s[i] && j + 1 < size; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			out[j++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		         c >= 0x80)
			out[j++] = (char)c;
	}
	out[j] = '\0';
	return j;
}

const char *l2e__draft_norm(l2e__pool *pool, const char *s)
{
	size_t len = strlen(s);
	char *out = l2e__pool_alloc(pool, len + 1);

	if (out)
		l2e__draft_norm_into(out, len + 1, s, len);
	return out;
}

int l2e__words_find(const l2e__words *list, const char *s)
{
	size_t i;

	/* the first letter first: every value of an export is looked up
	 * in several lists, and most words differ there already */
	for (i = 0; i < list->n; i++)
		if (list->w[i][0] == s[0] && !strcmp(list->w[i], s))
			return (int)i;
	return -1;
}

static int bad(l2e_ctx *ctx, const char *path, const char *what)
{
	return l2e__error_set_at(ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP, path, 0,
	                         0, NULL,
	                         "%s: fix the synonyms file (see "
	                         "mappings/README.md, mapping init)",
	                         what);
}

/* A list of strings, normalised (or not), into `out`; a missing list
 * is empty. */
static int words(l2e__dwords *w, l2e_ctx *ctx, const char *path,
                 const cJSON *obj, const char *key, int norm, l2e__words *out)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *k;
	size_t i = 0;

	out->n = 0;
	out->w = NULL;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr))
		return bad(ctx, path, "a list of words is not a list");
	if (!(out->w = l2e__pool_alloc(&w->pool,
	                               ((size_t)cJSON_GetArraySize(arr) + 1) *
	                                   sizeof(*out->w))))
		goto oom;
	cJSON_ArrayForEach(k, arr)
	{
		if (!cJSON_IsString(k))
			return bad(ctx, path, "a word is not a string");
		out->w[i] = norm ? l2e__draft_norm(&w->pool, k->valuestring)
		                 : l2e__pool_strdup(&w->pool, k->valuestring);
		if (!out->w[i])
			goto oom;
		if (*out->w[i])
			i++;
	}
	out->n = i;
	return 0;
oom:
	return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
	                      "out of memory");
}

static int field(l2e__dwords *w, l2e_ctx *ctx, const char *path,
                 const cJSON *def, const cJSON *skills, l2e__dfield *f)
{
	const char *dot = strchr(def->string, '.');
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(def, "type");
	size_t i;
	int error;

	if (!dot || !cJSON_IsObject(def))
		return bad(ctx, path,
		           "a field is not \"section.field\": {...}");
	f->section = -1;
	for (i = 0; i < L2E__SEC_N; i++)
		if (strlen(l2e__section_names[i]) ==
		        (size_t)(dot - def->string) &&
		    !strncmp(def->string, l2e__section_names[i],
		             (size_t)(dot - def->string)))
			f->section = (int)i;
	if (f->section < 0)
		return bad(ctx, path, "a field names an unknown section");
	if (!(f->field = l2e__pool_strdup(&w->pool, dot + 1)))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	f->type = -1;
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (cJSON_IsString(type) &&
		    !strcmp(type->valuestring, type_names[i]))
			f->type = (int)i;
	if (f->type < 0)
		return bad(ctx, path, "a field has an unknown \"type\"");
	f->def = def;
	f->is_personal =
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(def, "opt_in"));
	if ((error = words(w, ctx, path, def, "names", 1, &f->names)) < 0)
		return error;
	return words(w, ctx, path, skills, def->string, 1, &f->skill);
}

int l2e__dwords_load(l2e__dwords *w, l2e_ctx *ctx, const char *path)
{
	l2e_buf text = L2E_BUF_INIT;
	cJSON *root = NULL;
	const cJSON *fields, *sections, *skills, *kinds, *k;
	size_t i;
	int error;

	memset(w, 0, sizeof(*w));
	if ((error =
	         l2e__file_read(&text, ctx, path, ctx->opts.max_mapping_bytes,
	                        "max_mapping_bytes")) < 0)
		return error;
	root = cJSON_ParseWithLength(text.ptr ? text.ptr : "", text.len);
	l2e_buf_dispose(&text);
	if (!cJSON_IsObject(root)) {
		error = bad(ctx, path, "not a JSON object");
		goto done;
	}
	sections = cJSON_GetObjectItemCaseSensitive(root, "sections");
	fields = cJSON_GetObjectItemCaseSensitive(root, "fields");
	skills = cJSON_GetObjectItemCaseSensitive(root, "skills");
	kinds = cJSON_GetObjectItemCaseSensitive(root, "kinds");
	if (!cJSON_IsObject(fields) || !cJSON_IsObject(sections)) {
		error = bad(ctx, path, "no \"fields\" or \"sections\" object");
		goto done;
	}
	if ((error = words(w, ctx, path, root, "national_ids", 1, &w->natid)) <
	        0 ||
	    (error = words(w, ctx, path, root, "key", 1, &w->key)) < 0 ||
	    (error = words(w, ctx, path, root, "consent", 1, &w->consent)) <
	        0 ||
	    (error = words(w, ctx, path, root, "yes", 0, &w->yes)) < 0 ||
	    (error = words(w, ctx, path, root, "no", 0, &w->no)) < 0 ||
	    (error = words(w, ctx, path, root, "entry_level", 0, &w->entry)) <
	        0 ||
	    (error = words(w, ctx, path, root, "skill_columns", 1,
	                   &w->skill_columns)) < 0 ||
	    (error = words(w, ctx, path, root, "level_columns", 1,
	                   &w->level_columns)) < 0)
		goto done;
	for (i = 0; i < L2E__SEC_N; i++)
		if ((error = words(w, ctx, path, sections,
		                   l2e__section_names[i], 1, &w->sections[i])) <
		        0 ||
		    (error = words(w, ctx, path, kinds, l2e__section_names[i],
		                   1, &w->kinds[i])) < 0)
			goto done;
	if ((error = words(w, ctx, path, root, "kind_columns", 1,
	                   &w->kind_columns)) < 0)
		goto done;
	w->fields =
	    l2e__pool_alloc(&w->pool, ((size_t)cJSON_GetArraySize(fields) + 1) *
	                                  sizeof(*w->fields));
	if (!w->fields) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	cJSON_ArrayForEach(k, fields)
	{
		if ((error = field(w, ctx, path, k, skills,
		                   &w->fields[w->n_fields])) < 0)
			goto done;
		w->n_fields++;
	}
done:
	if (error < 0)
		cJSON_Delete(root);
	else
		w->root = root;
	return error;
}

void l2e__dwords_dispose(l2e__dwords *w)
{
	cJSON_Delete(w->root);
	l2e__pool_clear(&w->pool);
	memset(w, 0, sizeof(*w));
}
