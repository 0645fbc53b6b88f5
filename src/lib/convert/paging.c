/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paging.c - an export behind an API, one page at a time.
 *
 * Without paging the URL gives the whole export in one answer. With the
 * mapping's source.paging, each page says whether another follows (a
 * flag, and the next page number goes into the query) or where it is (a
 * link). The page is parsed here only to find that out; the input parses
 * it again on a worker thread, as it would a file. A next link must stay
 * on the server of the first URL, so that credentials never follow it
 * elsewhere.
 *
 * Paging lives here, beside the input it feeds, because it needs the
 * mapping (source.paging) and a reader (the page's content); net/ below
 * is transport only and knows neither.
 */
#include "convert/paging.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/pool.h"
#include "map/mapping.h"
#include "net/http.h"
#include "net/url.h"
#include "read/reader.h"

struct l2e__pager {
	l2e_net *net;
	const l2e_mapping *map;
	char *first_url;
	char *next_url;  /* NULL: no more pages */
	char *base_name; /* the first URL, redacted */
	long page;       /* the number of the next page (page numbers) */
	long n_fetched;
	char **names; /* every page's name, kept for chunks in flight */
	size_t n_names;
};

static int oom(l2e_ctx *ctx)
{
	return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_FETCH,
	                      "out of memory");
}

int l2e__pager_open(l2e__pager **out, l2e_ctx *ctx, l2e_net *net,
                    const l2e_mapping *map, const char *url)
{
	const l2e__paging *pg = &map->paging;
	l2e_buf name = L2E_BUF_INIT;
	l2e__pager *f;
	char number[32];
	int error;

	*out = NULL;
	if (!(f = l2e__calloc(1, sizeof(*f))) ||
	    l2e_url_redacted(&name, url) < 0 ||
	    !(f->first_url = l2e__strdup(url))) {
		l2e_buf_dispose(&name);
		l2e__pager_free(f);
		return oom(ctx);
	}
	f->net = net;
	f->map = map;
	f->base_name = l2e__buf_detach(&name);
	if ((error = l2e__net_check_scheme(net, ctx, url, f->base_name, NULL)) <
	    0)
		goto fail;
	f->page = pg->first_page;
	if (pg->is_set && pg->page_size_parameter) {
		char *sized = NULL;

		snprintf(number, sizeof(number), "%ld", pg->page_size);
		if ((error = l2e__url_set_param(&sized, f->first_url,
		                                pg->page_size_parameter,
		                                number)) < 0)
			goto bad_url;
		l2e__free(f->first_url);
		f->first_url = sized;
	}
	if (pg->is_set && pg->page_parameter) {
		snprintf(number, sizeof(number), "%ld", f->page);
		if ((error = l2e__url_set_param(&f->next_url, f->first_url,
		                                pg->page_parameter, number)) <
		    0)
			goto bad_url;
	} else if (!(f->next_url = l2e__strdup(f->first_url))) {
		error = oom(ctx);
		goto fail;
	}
	*out = f;
	return 0;
bad_url:
	error = error == L2E_ENOMEM
	            ? oom(ctx)
	            : l2e__error_set_at(ctx, L2E_ENET, L2E_ERRCLASS_FETCH,
	                                f->base_name, 0, 0, NULL,
	                                "not a valid URL");
fail:
	l2e__pager_free(f);
	return error;
}

void l2e__pager_free(l2e__pager *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n_names; i++)
		l2e__free(f->names[i]);
	l2e__free(f->names);
	l2e__free(f->first_url);
	l2e__free(f->next_url);
	l2e__free(f->base_name);
	l2e__free(f);
}

/* The name of the page fetched now: the URL, plus its page number. */
static const char *page_name(l2e__pager *f)
{
	l2e_buf name = L2E_BUF_INIT;
	char **grown;

	if (!f->map->paging.is_set)
		return f->base_name;
	grown = l2e__realloc(f->names, (f->n_names + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	f->names = grown;
	if (l2e__buf_printf(&name, "%s (page %ld)", f->base_name,
	                    f->n_fetched + 1) < 0)
		return NULL;
	return f->names[f->n_names++] = l2e__buf_detach(&name);
}

static int first_node(const l2e__node *n, void *payload)
{
	*(const l2e__node **)payload = n;
	return 1;
}

static const l2e__node *find(const l2e__path *path, const l2e__node *root)
{
	const l2e__node *n = NULL;
	l2e__scope scope;

	scope.current = scope.record = scope.root = root;
	l2e__path_visit(path, &scope, first_node, &n);
	return n;
}

/* Where the page after `url` is, from the page's own content. */
static int find_next(l2e__pager *f, l2e_ctx *ctx, const char *url,
                     const char *name, const l2e__node *root)
{
	const l2e__paging *pg = &f->map->paging;
	const l2e__node *n;
	char number[32];
	int error;

	if (pg->has_has_next) {
		n = find(&pg->has_next, root);
		if (!n || n->kind != L2E__NODE_BOOL)
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_FETCH, name,
			    n ? n->line : root->line,
			    n ? n->column : root->column, pg->has_next.text,
			    "the page has no true/false at \"%s\" (paging."
			    "has_next_page): does the mapping fit this API?",
			    pg->has_next.text);
		if (strcmp(n->text, "true"))
			return 0;
		f->page++;
		snprintf(number, sizeof(number), "%ld", f->page);
		error = l2e__url_set_param(&f->next_url, f->first_url,
		                           pg->page_parameter, number);
		return error < 0 ? oom(ctx) : 0;
	}
	n = find(&pg->next_link, root);
	if (!n || n->kind == L2E__NODE_NULL ||
	    (n->kind == L2E__NODE_STRING && !*n->text))
		return 0; /* the last page */
	if (n->kind != L2E__NODE_STRING ||
	    l2e__url_resolve(&f->next_url, url, n->text) < 0)
		return l2e__error_set_at(
		    ctx, L2E_EPARSE, L2E_ERRCLASS_FETCH, name, n->line,
		    n->column, pg->next_link.text,
		    "the next-page link at \"%s\" is not a URL",
		    pg->next_link.text);
	if (!l2e__url_same_origin(f->next_url, f->first_url))
		return l2e__error_set_at(
		    ctx, L2E_ENET, L2E_ERRCLASS_FETCH, name, n->line, n->column,
		    pg->next_link.text,
		    "the next-page link leads to another server; refused, so "
		    "that credentials stay with the first one");
	if (!strcmp(f->next_url, url))
		return l2e__error_set_at(
		    ctx, L2E_EPARSE, L2E_ERRCLASS_FETCH, name, n->line,
		    n->column, pg->next_link.text,
		    "the next-page link points to this same page");
	return 0;
}

int l2e__pager_next(l2e__pager *f, l2e_ctx *ctx, l2e_buf *body,
                    const char **name_out)
{
	const l2e__paging *pg = &f->map->paging;
	const char *accept = !strcmp(f->map->source.format, "xml")
	                         ? "application/xml"
	                         : "application/json";
	l2e__pool pool = L2E__POOL_INIT;
	l2e__node *root = NULL;
	l2e__piece piece;
	const char *name;
	char *url;
	int error;

	l2e__buf_clear(body);
	*name_out = NULL;
	if (!f->next_url)
		return 0;
	if (f->n_fetched >= pg->max_pages && pg->is_set)
		return l2e__error_set_at(
		    ctx, L2E_ELIMIT, L2E_ERRCLASS_FETCH, f->base_name, 0, 0,
		    NULL, "more than paging.max_pages (%ld) pages",
		    pg->max_pages);
	if (!(name = page_name(f)))
		return oom(ctx);
	url = f->next_url;
	f->next_url = NULL;
	error = l2e__net_get(f->net, ctx, url, name, accept, body);
	f->n_fetched++;
	if (error == 0 && pg->is_set) {
		memset(&piece, 0, sizeof(piece));
		piece.data = body->ptr ? body->ptr : "";
		piece.len = body->len;
		piece.line = piece.column = 1;
		error = l2e__reader_json.parse(&root, &pool, ctx,
		                               &f->map->source, name, &piece);
		if (error == 0 && root)
			error = find_next(f, ctx, url, name, root);
		l2e__pool_clear(&pool);
	}
	l2e__free(url);
	if (error < 0)
		return error;
	*name_out = name;
	return 1;
}
