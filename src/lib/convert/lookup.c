/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lookup.c - the mapping's look-up tables at run time (see lookup.h).
 *
 * "files" tables are built the first time a dossier needs them, from
 * every file the glob finds beside the input (JSON, one value or several
 * per file), and kept for the input's life. "url" entries are fetched
 * the first time their id is asked for, on the input's own HTTP client
 * (its credentials, limits and retries), from a URL relative to the
 * input's that must stay on its server, and kept, a failure too: each id
 * is fetched once. "table" look-ups index a list at the top of the
 * document (a CSV bundle's table) once per document. Whatever goes
 * wrong is a finding on the dossier that needed it, never a crash or a
 * silent empty: a missing id is a warning, a table or an entry that
 * could not be had is an error (the dossier would be incomplete).
 */
#include "convert/lookup.h"

#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/pool.h"
#include "net/http.h"
#include "net/url.h"
#include "read/json_tree.h"

/* ==== An index: id text -> entry ==== */

typedef struct slot {
	const char *id;
	const l2e__node *entry; /* NULL: fetched, and failed (`why`) */
	const char *why;
} slot;

struct l2e__table_index {
	slot *slots;
	size_t cap; /* a power of two, at least twice n */
	size_t n;
};

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static slot *ix_find(const l2e__table_index *ix, const char *id)
{
	size_t i;

	if (!ix || !ix->cap)
		return NULL;
	for (i = hash(id) & (ix->cap - 1); ix->slots[i].id;
	     i = (i + 1) & (ix->cap - 1))
		if (!strcmp(ix->slots[i].id, id))
			return &ix->slots[i];
	return NULL;
}

/* Add `id` (kept by the caller) unless there: the first one wins. */
static int ix_add(l2e__table_index *ix, const char *id, const l2e__node *entry,
                  const char *why)
{
	size_t i, cap;
	slot *old;

	if (ix_find(ix, id))
		return 0;
	if ((ix->n + 1) * 2 > ix->cap) {
		cap = ix->cap ? ix->cap * 2 : 64;
		old = ix->slots;
		if (!(ix->slots = l2e__calloc(cap, sizeof(*ix->slots)))) {
			ix->slots = old;
			return L2E_ENOMEM;
		}
		for (i = 0; i < ix->cap; i++)
			if (old[i].id) {
				size_t j = hash(old[i].id) & (cap - 1);

				while (ix->slots[j].id)
					j = (j + 1) & (cap - 1);
				ix->slots[j] = old[i];
			}
		l2e__free(old);
		ix->cap = cap;
	}
	for (i = hash(id) & (ix->cap - 1); ix->slots[i].id;
	     i = (i + 1) & (ix->cap - 1))
		;
	ix->slots[i].id = id;
	ix->slots[i].entry = entry;
	ix->slots[i].why = why;
	ix->n++;
	return 0;
}

static void ix_free(l2e__table_index *ix)
{
	if (ix)
		l2e__free(ix->slots);
	l2e__free(ix);
}

/* ==== The run's tables ==== */

typedef struct table {
	int is_built;        /* files: tried, `failure` says how it went */
	const char *failure; /* files: the table could not be built */
	l2e__table_index ix;
	long n_requests; /* url */
} run_table;

struct l2e__lookups {
	const l2e_mapping *map;
	char *dir;
	l2e_net *net;
	char *url;
	pthread_mutex_t lock;
	l2e__pool pool; /* entries, ids, messages; under the lock */
	run_table *tables;
	long n_requests;
};

int l2e__lookups_new(l2e__lookups **out, l2e_ctx *ctx, const l2e_mapping *map,
                     const char *dir, l2e_net *net, const char *url)
{
	l2e__lookups *lk;

	*out = NULL;
	if (!map->n_lookups)
		return 0;
	if (!(lk = l2e__calloc(1, sizeof(*lk))) ||
	    !(lk->tables = l2e__calloc(map->n_lookups, sizeof(*lk->tables))) ||
	    (dir && !(lk->dir = l2e__strdup(dir))) ||
	    (url && !(lk->url = l2e__strdup(url))) ||
	    pthread_mutex_init(&lk->lock, NULL) != 0) {
		if (lk) {
			l2e__free(lk->tables);
			l2e__free(lk->dir);
			l2e__free(lk->url);
		}
		l2e__free(lk);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	}
	lk->map = map;
	lk->net = net;
	*out = lk;
	return 0;
}

void l2e__lookups_free(l2e__lookups *lk)
{
	size_t i;

	if (!lk)
		return;
	for (i = 0; i < lk->map->n_lookups; i++)
		l2e__free(lk->tables[i].ix.slots);
	l2e__free(lk->tables);
	pthread_mutex_destroy(&lk->lock);
	l2e__pool_clear(&lk->pool);
	l2e__free(lk->dir);
	l2e__free(lk->url);
	l2e__free(lk);
}

long l2e__lookups_requests(const l2e__lookups *lk)
{
	return lk ? lk->n_requests : 0;
}

/* The context's error as one line ("file:line:col: message"), then
 * cleared: it belongs to a table, not to the dossier being mapped. */
static const char *take_error(l2e__pool *pool, l2e_ctx *ctx)
{
	const l2e_error *e = l2e_ctx_error(ctx);
	l2e_buf line = L2E_BUF_INIT;
	const char *out;

	if (e && e->file && e->line)
		l2e__buf_printf(&line, "%s:%u:%u: ", e->file, e->line,
		                e->column);
	else if (e && e->file)
		l2e__buf_printf(&line, "%s: ", e->file);
	l2e__buf_printf(&line, "%s",
	                e && e->message ? e->message : "out of memory");
	out = l2e__pool_strdup(pool, line.ptr ? line.ptr : "?");
	l2e_buf_dispose(&line);
	l2e__error_clear(ctx);
	return out ? out : "out of memory";
}

/* Entries of one document into `ix` by their key path. */
typedef struct adding {
	const l2e__lookup *def;
	l2e__table_index *ix;
	l2e__pool *pool; /* NULL: ids are the tree's own text */
	const l2e__node *root;
	int error;
	int is_full;
} adding;

static int add_entry(const l2e__node *n, void *payload)
{
	adding *a = payload;
	l2e__scope scope = { n, n, a->root, NULL };
	const l2e__node *id, *c;

	if (n->kind == L2E__NODE_ARRAY) {
		for (c = n->first; c; c = c->next)
			if (add_entry(c, payload))
				return 1;
		return 0;
	}
	id = l2e__path_first(&a->def->key, &scope);
	if (!id || !l2e__node_is_scalar(id) || !id->len)
		return 0; /* an entry without an id cannot be found */
	if (a->ix->n >= (size_t)a->def->max_entries) {
		a->is_full = 1;
		return 1;
	}
	if (ix_add(a->ix, id->text, n, NULL) < 0) {
		a->error = L2E_ENOMEM;
		return 1;
	}
	return 0;
}

static int add_document(adding *a, l2e_ctx *ctx, const l2e__node *root,
                        const char *name)
{
	l2e__scope scope = { root, root, root, NULL };
	const l2e__node *at;
	l2e__path dot;

	a->root = root;
	memset(&dot, 0, sizeof(dot));
	dot.text = ".";
	l2e__path_visit(a->def->has_entries ? &a->def->entries : &dot, &scope,
	                add_entry, a);
	if (a->error)
		return l2e__error_set(ctx, a->error, L2E_ERRCLASS_READ,
		                      "out of memory");
	if (a->is_full) {
		at = root;
		return l2e__error_set_at(
		    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, name, at->line,
		    at->column, NULL,
		    "look-up table \"%s\" has more than max_entries (%ld) "
		    "entries",
		    a->def->name, a->def->max_entries);
	}
	return 0;
}

/* Under the lock: every file of the glob, every value in each. */
static int build_files(l2e__lookups *lk, run_table *t, const l2e__lookup *def,
                       l2e_ctx *ctx)
{
	l2e_buf pattern = L2E_BUF_INIT, data = L2E_BUF_INIT;
	adding a = { def, &t->ix, NULL, NULL, 0, 0 };
	l2e__json_cursor cur;
	l2e__node *root;
	glob_t g;
	struct stat st;
	const char *name;
	size_t i;
	int error = 0, rc;

	memset(&g, 0, sizeof(g));
	if (!lk->dir)
		return l2e__error_set(ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ,
		                      "look-up table \"%s\" reads files beside "
		                      "the input; this input is not a file",
		                      def->name);
	if (l2e__buf_printf(&pattern, "%s/%s", lk->dir, def->source) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	rc = glob(pattern.ptr, GLOB_ERR, NULL, &g);
	if (rc == GLOB_NOMATCH)
		error = l2e__error_set_at(ctx, L2E_ENOTFOUND, L2E_ERRCLASS_READ,
		                          lk->dir, 0, 0, NULL,
		                          "look-up table \"%s\": no file "
		                          "matches \"%s\"",
		                          def->name, def->source);
	else if (rc != 0)
		error = l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS,
		                          lk->dir, 0, 0, NULL,
		                          "look-up table \"%s\": cannot list "
		                          "\"%s\"",
		                          def->name, def->source);
	for (i = 0; !error && i < g.gl_pathc; i++) {
		if (stat(g.gl_pathv[i], &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (!(name = l2e__pool_strdup(&lk->pool, g.gl_pathv[i]))) {
			error =
			    l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
			                   "out of memory");
			break;
		}
		l2e__buf_clear(&data);
		if ((error = l2e__file_read(&data, ctx, name,
		                            ctx->opts.max_input_bytes,
		                            "max_input_bytes")) < 0)
			break;
		/* the text stays: the tree's strings point into the pool */
		l2e__json_cursor_init(&cur, name, data.ptr ? data.ptr : "",
		                      data.len, &ctx->opts);
		while ((error = l2e__json_next(&root, &lk->pool, ctx, &cur)) ==
		           0 &&
		       root) {
			root->file = name;
			if ((error = add_document(&a, ctx, root, name)) < 0)
				break;
		}
	}
	globfree(&g);
	l2e_buf_dispose(&pattern);
	l2e_buf_dispose(&data);
	return error;
}

/* "{id}" of the template, percent-encoded but for unreserved bytes. */
static int url_of(l2e_buf *out, const char *tmpl, const char *id)
{
	const char *at = strstr(tmpl, "{id}");
	const unsigned char *p;
	int error;

	if ((error = l2e__buf_put(out, tmpl, (size_t)(at - tmpl))) < 0)
		return error;
	for (p = (const unsigned char *)id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			error = l2e__buf_putc(out, (char)*p);
		else
			error = l2e__buf_printf(out, "%%%02X", *p);
		if (error < 0)
			return error;
	}
	return l2e__buf_printf(out, "%s", at + 4);
}

/* Under the lock: fetch one entry; its slot says how it went. */
static slot *fetch(l2e__lookups *lk, run_table *t, const l2e__lookup *def,
                   const char *id_text, l2e_ctx *ctx)
{
	l2e_buf ref = L2E_BUF_INIT, body = L2E_BUF_INIT, name = L2E_BUF_INIT;
	l2e__node *root = NULL;
	l2e__json_cursor cur;
	char *url = NULL;
	const char *id, *why = NULL, *doc_name;
	int error = 0;

	if (!(id = l2e__pool_strdup(&lk->pool, id_text)))
		return NULL;
	if (!lk->url || !lk->net) {
		why = "a \"url\" look-up needs an input fetched by URL";
	} else if (t->n_requests >= def->max_requests) {
		l2e__buf_printf(&name,
		                "more than max_requests (%ld) requests in "
		                "this run",
		                def->max_requests);
		why = l2e__pool_strdup(&lk->pool, name.ptr ? name.ptr : "?");
	} else if (url_of(&ref, def->url, id) < 0 ||
	           l2e__url_resolve(&url, lk->url, ref.ptr) < 0) {
		why = "the look-up URL is not a URL";
	} else if (!l2e__url_same_origin(url, lk->url)) {
		why = "the look-up URL leaves the input's server";
	} else if (l2e_url_redacted(&name, url) < 0 ||
	           !(doc_name = l2e__pool_strdup(&lk->pool, name.ptr))) {
		error = L2E_ENOMEM;
	} else {
		t->n_requests++;
		lk->n_requests++;
		error = l2e__net_get(lk->net, ctx, url, doc_name,
		                     "application/json", &body);
		if (!error) {
			/* the tree points into the text: keep it */
			char *text = l2e__pool_strndup(
			    &lk->pool, body.ptr ? body.ptr : "", body.len);

			if (!text)
				error = L2E_ENOMEM;
			else {
				l2e__json_cursor_init(&cur, doc_name, text,
				                      body.len, &ctx->opts);
				error =
				    l2e__json_next(&root, &lk->pool, ctx, &cur);
			}
		}
		if (!error && root)
			root->file = doc_name;
		if (error || !root)
			why = error ? take_error(&lk->pool, ctx)
			            : "the answer is empty";
	}
	l2e__free(url);
	l2e_buf_dispose(&ref);
	l2e_buf_dispose(&body);
	l2e_buf_dispose(&name);
	if (error == L2E_ENOMEM ||
	    ix_add(&t->ix, id, why ? NULL : root, why) < 0)
		return NULL;
	return ix_find(&t->ix, id);
}

/* ==== The resolver ==== */

/* Once per dossier and (table, id): a second miss says nothing new. */
static int first_miss(l2e__lookup_resolver *r, const char *table,
                      const char *id)
{
	size_t i, lt = strlen(table);
	char **grown, *k;

	for (i = 0; i < r->n_missed; i++)
		if (!strncmp(r->missed[i], table, lt) &&
		    r->missed[i][lt] == '\n' &&
		    !strcmp(r->missed[i] + lt + 1, id))
			return 0;
	if (r->n_missed >= 256)
		return 0; /* enough said */
	if (!(grown =
	          l2e__realloc(r->missed, (r->n_missed + 1) * sizeof(*grown))))
		return 1;
	r->missed = grown;
	if (!(k = l2e__malloc(lt + strlen(id) + 2)))
		return 1;
	snprintf(k, lt + strlen(id) + 2, "%s\n%s", table, id);
	r->missed[r->n_missed++] = k;
	return 1;
}

/* `why` is a message of ours (and the whole finding is made safe). */
static void miss(l2e__lookup_resolver *r, const l2e__lookup *def,
                 const l2e__node *id, const char *why)
{
	if (!r->diags || !first_miss(r, def->name, id->text))
		return;
	if (!why)
		l2e__diag_add(r->diags, L2E_SEVERITY_WARNING, id, NULL,
		              "look-up \"%s\": no entry with id \"%s\"",
		              def->name, l2e__diag_quote(r->diags, id->text));
	else
		l2e__diag_add(r->diags, L2E_SEVERITY_ERROR, id, NULL,
		              "look-up \"%s\" of id \"%s\": %s", def->name,
		              l2e__diag_quote(r->diags, id->text), why);
}

/* The document's table `def->source`, indexed on first use. */
static l2e__table_index *document_table(l2e__lookup_resolver *r, size_t ti,
                                        const l2e__lookup *def,
                                        const char **why)
{
	l2e__table_index *ix = r->tables[ti];
	const l2e__node *rows;
	adding a;

	if (ix)
		return ix;
	if (!(ix = l2e__calloc(1, sizeof(*ix)))) {
		*why = "out of memory";
		return NULL;
	}
	memset(&a, 0, sizeof(a));
	a.def = def;
	a.ix = ix;
	a.root = r->root;
	rows = l2e__node_member(r->root, def->source);
	if (!rows) {
		*why = "the export has no such table";
		ix_free(ix);
		return NULL;
	}
	add_entry(rows, &a);
	if (a.error || a.is_full) {
		*why = a.error ? "out of memory"
		               : "the table has more than max_entries entries";
		ix_free(ix);
		return NULL;
	}
	r->tables[ti] = ix;
	return ix;
}

static const l2e__node *find(l2e__resolver *base, size_t ti,
                             const l2e__node *id)
{
	l2e__lookup_resolver *r = (l2e__lookup_resolver *)base;
	l2e__lookups *lk = r->lk;
	const l2e__lookup *def;
	const l2e__table_index *ix;
	const char *why = NULL;
	const slot *sl;
	run_table *t;

	if (!lk || ti >= lk->map->n_lookups)
		return NULL;
	def = &lk->map->lookups[ti];
	if (def->kind == L2E__LOOKUP_TABLE) {
		if (!(ix = document_table(r, ti, def, &why))) {
			miss(r, def, id, why);
			return NULL;
		}
		if (!(sl = ix_find(ix, id->text)))
			miss(r, def, id, NULL);
		return sl ? sl->entry : NULL;
	}
	t = &lk->tables[ti];
	pthread_mutex_lock(&lk->lock);
	/* "files" and "url" together: the API when the input came from it */
	if (def->kind == L2E__LOOKUP_FILES && !(def->url && lk->url)) {
		if (!t->is_built) {
			t->is_built = 1;
			if (build_files(lk, t, def, r->ctx) < 0)
				t->failure = take_error(&lk->pool, r->ctx);
		}
		why = t->failure;
		sl = why ? NULL : ix_find(&t->ix, id->text);
	} else {
		sl = ix_find(&t->ix, id->text);
		if (!sl && !(sl = fetch(lk, t, def, id->text, r->ctx)))
			why = "out of memory";
		if (sl && !sl->entry)
			why = sl->why;
	}
	pthread_mutex_unlock(&lk->lock);
	if (!sl || !sl->entry) {
		miss(r, def, id, why);
		return NULL;
	}
	return sl->entry;
}

void l2e__resolver_init(l2e__lookup_resolver *r, l2e__lookups *lk, l2e_ctx *ctx)
{
	memset(r, 0, sizeof(*r));
	r->base.find = find;
	r->lk = lk;
	r->ctx = ctx;
}

static void drop_tables(l2e__lookup_resolver *r)
{
	size_t i;

	if (!r->tables)
		return;
	for (i = 0; i < r->lk->map->n_lookups; i++)
		ix_free(r->tables[i]);
	l2e__free(r->tables);
	r->tables = NULL;
}

void l2e__resolver_document(l2e__lookup_resolver *r, const l2e__node *root)
{
	drop_tables(r);
	r->root = root;
	if (r->lk)
		r->tables =
		    l2e__calloc(r->lk->map->n_lookups, sizeof(*r->tables));
	if (!r->tables)
		r->lk = NULL; /* out of memory: nothing is found, said once */
}

void l2e__resolver_dossier(l2e__lookup_resolver *r, l2e__diags *diags)
{
	size_t i;

	for (i = 0; i < r->n_missed; i++)
		l2e__free(r->missed[i]);
	r->n_missed = 0;
	r->diags = diags;
}

void l2e__resolver_dispose(l2e__lookup_resolver *r)
{
	l2e__resolver_dossier(r, NULL);
	l2e__free(r->missed);
	r->missed = NULL;
	drop_tables(r);
}
