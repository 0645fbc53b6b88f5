/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_spread.c - `mapping init` for an export whose students are
 * spread over several kinds of file (an education API: a person, pages of the
 * person's associations, and the offerings, programmes and
 * organisations they refer to by id). The JSON files of the inputs'
 * folder and its subfolders are grouped into kinds by their name
 * pattern (ids replaced by '*'); the kind whose records carry person
 * names is the main one; a member whose values are the ids of another
 * kind is a reference. Each student becomes one joined record: the
 * person, with the pages that name its id, with every referred object
 * copied in under a member "$lookup(table, member)". The drafter walks
 * these records as any other; the paths are turned into the mapping's
 * own `$lookup(table, path)` at the end, and the kinds become `lookups`
 * with a `files` pattern.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cJSON.h>

#include "draft/draft_kinds.h"

#include "core/buf.h"
#include "core/file.h"
#include "core/natid.h"
#include "read/json_tree.h"
#include "util/alloc.h"

static int oom(l2e_ctx *ctx)
{
	l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ, "out of memory");
	return -1;
}

static unsigned long long st_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (unsigned long long)st.st_size : 0;
}

/* ==== The kinds of file ==== */

static int is_sep(char c)
{
	return c == '-' || c == '_' || c == '.' || c == ' ';
}

/* The name pattern of `name` (a file name without its folder): every
 * run of words with a digit or of one or two letters (ids, dates,
 * numbers: "L-0001-a") becomes one '*'. */
static char *pattern(l2e__pool *pool, const char *name)
{
	size_t len = strlen(name), i = 0, j, n = 0;
	const char *ext = strrchr(name, '.');
	char *out = l2e__pool_alloc(pool, 2 * len + 2);
	int last_star = 0, digit;

	if (!out)
		return NULL;
	if (!ext)
		ext = name + len;
	while (name + i < ext) {
		char sep = i && is_sep(name[i]) ? name[i++] : 0;

		for (j = i, digit = 0; name + j < ext && !is_sep(name[j]); j++)
			digit |= name[j] >= '0' && name[j] <= '9';
		digit |= j - i <= 2;
		if (digit && last_star) {
			i = j;
			continue;
		}
		if (sep)
			out[n++] = sep;
		if (digit)
			out[n++] = '*';
		else
			memcpy(out + n, name + i, j - i), n += j - i;
		last_star = digit;
		i = j == i ? j + 1 : j;
	}
	memcpy(out + n, ext, strlen(ext) + 1);
	return out;
}

/* The words of a folder and name pattern (programme-offerings/ and
 * '*'): "programme offerings"; the table name in camelCase; the noun. */
static int names(l2e__draft *d, skind *k)
{
	char words[256], table[128], noun[128];
	size_t nw = 0, nt = 0, nn = 0, i;
	const char *s = k->glob, *end = strrchr(k->glob, '.');
	int start = 1;

	if (!end)
		end = s + strlen(s);
	for (; s < end && nw + 2 < sizeof(words) && nt + 2 < sizeof(table);
	     s++) {
		char c = *s;

		if (c == '*' || c == '/' || is_sep(c)) {
			start = 1;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			continue;
		if (start && nw)
			words[nw++] = ' ';
		if (start)
			nn = 0; /* the noun is the last word */
		words[nw++] = c;
		table[nt] =
		    (char)(start && nt && c >= 'a' && c <= 'z' ? c - 'a' + 'A'
		                                               : c);
		nt++;
		if (nn + 1 < sizeof(noun))
			noun[nn++] = c;
		start = 0;
	}
	words[nw] = table[nt] = noun[nn] = '\0';
	if (!nt || (table[0] >= '0' && table[0] <= '9')) {
		/* only ids in its name ("*.json"): the kind's number */
		nt = nw = (size_t)snprintf(table, sizeof(table), "files%zu",
		                           d->spread->n_kinds);
		memcpy(words, table, nt + 1);
	}
	if (table[0] >= 'A' && table[0] <= 'Z')
		table[0] = (char)(table[0] - 'A' + 'a');
	for (i = 0; i + 1 < d->spread->n_kinds; i++)
		if (d->spread->kinds[i].table &&
		    !strcmp(d->spread->kinds[i].table, table) &&
		    nt + 4 < sizeof(table)) {
			snprintf(table + nt, sizeof(table) - nt, "%zu",
			         d->spread->n_kinds); /* two kinds, one name */
			break;
		}
	/* the noun: the words of the last folder or name, singular */
	nn = 0;
	for (i = 0; words[i]; i++)
		if (words[i] != ' ' && nn + 1 < sizeof(noun))
			noun[nn++] = words[i];
	noun[nn] = '\0';
	if (nn > 3 && noun[nn - 1] == 's')
		noun[nn - 1] = '\0';
	if (!(k->words = l2e__pool_strdup(&d->pool, words)) ||
	    !(k->table = l2e__pool_strdup(&d->pool, table)) ||
	    !(k->noun = l2e__draft_norm(&d->pool, noun)))
		return -1;
	return 0;
}

static skind *kind_for(l2e__draft *d, const char *glob, int *is_new)
{
	l2e__dspread *s = d->spread;
	size_t i;

	*is_new = 0;
	for (i = 0; i < s->n_kinds; i++)
		if (!strcmp(s->kinds[i].glob, glob))
			return &s->kinds[i];
	if (s->n_kinds == MAX_KINDS)
		return NULL;
	memset(&s->kinds[s->n_kinds], 0, sizeof(s->kinds[0]));
	s->kinds[s->n_kinds].glob = glob;
	*is_new = 1;
	return &s->kinds[s->n_kinds++];
}

static int add_entry(skind *k, l2e__node *v)
{
	if (v->kind != L2E__NODE_OBJECT)
		return 0;
	if (GROW(k->ents, k->n_ents, k->cap_ents) < 0)
		return -1;
	k->ents[k->n_ents++] = v;
	return 0;
}

/* Read one JSON file of the folder into the kind of its name. */
static int read_file(l2e__draft *d, l2e_ctx *ctx, const char *dir,
                     const char *rel)
{
	l2e_buf path = L2E_BUF_INIT, text = L2E_BUF_INIT;
	l2e__json_cursor cur;
	const char *slash = strrchr(rel, '/'), *name, *glob;
	char *pat;
	skind *k;
	l2e__node *v, *e;
	int error = 0, is_new;

	name = slash ? slash + 1 : rel;
	if (!(pat = pattern(&d->pool, name)) ||
	    l2e__buf_printf(&path, "%s/%s", dir, rel) < 0)
		goto nomem;
	if (slash) {
		l2e_buf g = L2E_BUF_INIT;

		if (l2e__buf_printf(&g, "%.*s/%s", (int)(slash - rel), rel,
		                    pat) < 0 ||
		    !(glob = l2e__pool_strdup(&d->pool, g.ptr))) {
			l2e_buf_dispose(&g);
			goto nomem;
		}
		l2e_buf_dispose(&g);
	} else
		glob = pat;
	if (!(k = kind_for(d, glob, &is_new)))
		goto done; /* more kinds than we look at: left out */
	if (is_new && (error = names(d, k)) != 0) {
		d->spread->n_kinds--;
		if (error < 0)
			goto nomem;
		error = 0;
		goto done;
	}
	if ((d->spread->n_bytes += st_size(path.ptr)) >
	    16 * (unsigned long long)ctx->opts.max_input_bytes) {
		error = l2e__error_set_at(
		    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, dir, 0, 0, NULL,
		    "the JSON files of the export's folder hold more than 16 "
		    "times max_input_bytes");
		goto done;
	}
	if (l2e__file_read(&text, ctx, path.ptr, ctx->opts.max_input_bytes,
	                   "max_input_bytes") < 0) {
		l2e__error_clear(ctx); /* too big or unreadable: skipped */
		goto done;
	}
	if (!(name = l2e__pool_strdup(&d->pool, path.ptr)))
		goto nomem;
	l2e__json_cursor_init(&cur, name, text.ptr ? text.ptr : "", text.len,
	                      &ctx->opts);
	while (!(error = l2e__json_next(&v, &d->in.pool, ctx, &cur)) && v) {
		if (v->kind == L2E__NODE_ARRAY) {
			for (e = v->first; e; e = e->next)
				if (add_entry(k, e) < 0)
					goto nomem;
		} else if (add_entry(k, v) < 0)
			goto nomem;
	}
	if (error && error != L2E_ENOMEM) {
		l2e__error_clear(ctx); /* not JSON: not part of the export */
		error = 0;
	}
done:
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&text);
	return error;
nomem:
	error = oom(ctx);
	goto done;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .json files of `dir/sub` (sub "" for the folder itself), in name
 * order; the subfolders into `subs` when given. */
static int read_dir(l2e__draft *d, l2e_ctx *ctx, const char *dir,
                    const char *sub, char ***subs, size_t *n_subs,
                    size_t *n_files)
{
	l2e_buf at = L2E_BUF_INIT, rel = L2E_BUF_INIT;
	char **files = NULL, *name;
	size_t n = 0, cap = 0, cap_subs = 0, i, len;
	struct dirent *e;
	struct stat st;
	DIR *dh;
	int error = 0;

	if (l2e__buf_printf(&at, "%s%s%s", dir, *sub ? "/" : "", sub) < 0)
		return oom(ctx);
	if (!(dh = opendir(at.ptr))) {
		l2e_buf_dispose(&at);
		return 0;
	}
	while ((e = readdir(dh)) && !error) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		l2e__buf_clear(&rel);
		if (l2e__buf_printf(&rel, "%s/%s", at.ptr, e->d_name) < 0) {
			error = oom(ctx);
			break;
		}
		if (stat(rel.ptr, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && subs &&
		    l2e__spread_plain_name(e->d_name)) {
			if (GROW(*subs, *n_subs, cap_subs) < 0 ||
			    !((*subs)[*n_subs] =
			          l2e__pool_strdup(&d->pool, e->d_name)))
				error = oom(ctx);
			else
				(*n_subs)++;
			continue;
		}
		if (!S_ISREG(st.st_mode) || len < 6 ||
		    strcmp(e->d_name + len - 5, ".json"))
			continue;
		if (++*n_files > MAX_FILES) {
			error = l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, dir, 0, 0, NULL,
			    "more than %d JSON files in the export's folder",
			    MAX_FILES);
			break;
		}
		if (GROW(files, n, cap) < 0 ||
		    !(files[n] = l2e__pool_strdup(&d->pool, e->d_name)))
			error = oom(ctx);
		else
			n++;
	}
	closedir(dh);
	if (n)
		qsort(files, n, sizeof(*files), cmp_str);
	for (i = 0; i < n && !error; i++) {
		l2e__buf_clear(&rel);
		if (l2e__buf_printf(&rel, "%s%s%s", sub, *sub ? "/" : "",
		                    files[i]) < 0 ||
		    !(name = l2e__pool_strdup(&d->pool, rel.ptr)))
			error = oom(ctx);
		else
			error = read_file(d, ctx, dir, name);
	}
	l2e__free(files);
	l2e_buf_dispose(&at);
	l2e_buf_dispose(&rel);
	return error;
}

/* A folder given: the paths of the records in its files, as the
 * reader of draft_load.c notes them (the pages' lists, "." for one
 * record a file), in the order of the files. */
static void record_paths(l2e__draft *d)
{
	const l2e__dspread *s = d->spread;
	const char *p;
	size_t k, i;

	for (k = 0; k < s->n_kinds; k++) {
		if (strchr(s->kinds[k].glob, '/') || !s->kinds[k].n_ents)
			continue;
		p = s->kinds[k].is_page ? s->kinds[k].items : ".";
		for (i = 0; i < d->in.n_paths && strcmp(d->in.paths[i], p); i++)
			;
		if (i == d->in.n_paths &&
		    d->in.n_paths <
		        sizeof(d->in.paths) / sizeof(d->in.paths[0]))
			d->in.paths[d->in.n_paths++] = p;
	}
}

/* The folder given, or the folder all inputs are in; or NULL. */
static char *folder_of(l2e__draft *d)
{
	const char *a, *slash;
	size_t i, len;
	char *dir;
	struct stat st;

	if (d->n_inputs == 1 && stat(d->inputs[0], &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return l2e__pool_strdup(&d->pool, d->inputs[0]);

	for (i = 0; i < d->n_inputs; i++) {
		a = d->inputs[i];
		len = strlen(a);
		if (len < 6 || strcmp(a + len - 5, ".json"))
			return NULL;
	}
	slash = strrchr(d->inputs[0], '/');
	len = slash ? (size_t)(slash - d->inputs[0]) : 0;
	for (i = 1; i < d->n_inputs; i++) {
		slash = strrchr(d->inputs[i], '/');
		if ((slash ? (size_t)(slash - d->inputs[i]) : 0) != len ||
		    strncmp(d->inputs[i], d->inputs[0], len))
			return NULL;
	}
	dir = l2e__pool_strndup(&d->pool, len ? d->inputs[0] : ".",
	                        len ? len : 1);
	return dir;
}

int l2e__draft_spread_join(l2e__draft *d, l2e_ctx *ctx)
{
	l2e__dspread *s;
	char *dir, **subs = NULL;
	size_t n_subs = 0, n_files = 0, i, n_pages = 0;
	const skind *mk;
	l2e__node **recs;
	int error;

	if (strcmp(d->in.format, "json") || !(dir = folder_of(d)) ||
	    (d->n_inputs < 2 && strcmp(dir, d->inputs[0])))
		return 0;
	if (!(s = d->spread = l2e__calloc(1, sizeof(*s))))
		return oom(ctx);
	if ((error = read_dir(d, ctx, dir, "", &subs, &n_subs, &n_files)) < 0)
		goto done;
	if (n_subs)
		qsort(subs, n_subs, sizeof(*subs), cmp_str);
	for (i = 0; i < n_subs && !error; i++)
		error = read_dir(d, ctx, dir, subs[i], NULL, NULL, &n_files);
	if (error < 0)
		goto done;
	l2e__spread_pages(d);
	if (s->n_kinds < 2 || !l2e__spread_main(d))
		goto not_spread;
	if (l2e__spread_refs(d) < 0) {
		error = oom(ctx);
		goto done;
	}
	mk = &s->kinds[s->main];
	for (i = 0; i < s->n_kinds; i++)
		n_pages += s->kinds[i].is_page && s->kinds[i].link;
	if (!s->main_id || !n_pages)
		goto not_spread;
	l2e__spread_where(d);
	if (!(recs = l2e__calloc(mk->n_ents + 1, sizeof(*recs)))) {
		error = oom(ctx);
		goto done;
	}
	for (i = 0; i < mk->n_ents; i++)
		if (!(recs[i] = l2e__spread_join_one(d, mk->ents[i],
		                                     i < MAX_JOINED))) {
			l2e__free(recs);
			error = s->n_nodes > MAX_NODES
			            ? l2e__error_set(
			                  ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
			                  "the joined records of the "
			                  "export are too large to "
			                  "draft from")
			            : oom(ctx);
			goto done;
		}
	if (d->in.folder)
		record_paths(d);
	l2e__free(d->in.records);
	d->in.records = recs;
	d->in.n_records = d->in.cap_records = mk->n_ents;
	error = 0;
	goto done;
not_spread:
	l2e__draft_spread_dispose(d);
	error = d->in.folder ? l2e__draft_load_json_folder(&d->in, ctx) : 0;
done:
	l2e__free(subs);
	return error;
}

void l2e__draft_spread_dispose(l2e__draft *d)
{
	l2e__dspread *s = d->spread;
	size_t k;

	if (!s)
		return;
	for (k = 0; k < s->n_kinds; k++) {
		l2e__free(s->kinds[k].ents);
		l2e__free(s->kinds[k].index);
	}
	l2e__free(s->links);
	l2e__free(s->counts);
	l2e__free(s->vals);
	l2e__free(s);
	d->spread = NULL;
}
