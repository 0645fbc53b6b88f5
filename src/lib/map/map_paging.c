/*
 * map_paging.c - "source.paging": how an API hands out an export in
 * pages (see l2e__paging in mapping.h). Only compiled here; the pages are
 * followed where the input is fetched.
 */
#include "map/compile.h"

#include <string.h>

#include "core/buf.h"
#include "util/parse_int.h"

/* A whole number in [min, max] (paging's numbers). */
static int whole_number(l2e__loader *ld, const l2e__node *n, long *out,
                        long min, long max, const char *what)
{
	if (n->kind != L2E__NODE_NUMBER ||
	    l2e__parse_long(n->text, n->len, min, max, out) < 0)
		return l2e__mc_bad(ld, n,
		                   "%s is a whole number from %ld to %ld", what,
		                   min, max);
	return 0;
}

static int pg_has_next_page(l2e__loader *ld, void *out, const l2e__node *v,
                            const l2e__node *n)
{
	l2e__paging *pg = out;
	int error;

	(void)n;
	if ((error = l2e__mc_path(ld, &pg->has_next, v)) < 0)
		return error;
	pg->has_has_next = 1;
	return 0;
}

static int pg_next_link(l2e__loader *ld, void *out, const l2e__node *v,
                        const l2e__node *n)
{
	l2e__paging *pg = out;
	int error;

	if (v) {
		if ((error = l2e__mc_path(ld, &pg->next_link, v)) < 0)
			return error;
		pg->has_next_link = 1;
	}
	if (pg->has_has_next == pg->has_next_link)
		return l2e__mc_bad(
		    ld, n,
		    "\"paging\" needs either \"has_next_page\" "
		    "(with \"page_parameter\") or \"next_link\"");
	return 0;
}

static int pg_page_parameter(l2e__loader *ld, void *out, const l2e__node *v,
                             const l2e__node *n)
{
	l2e__paging *pg = out;
	int error;

	if (v && (error = l2e__mc_text(ld, v, &pg->page_parameter,
	                               "\"page_parameter\"")) < 0)
		return error;
	if (pg->has_has_next && !pg->page_parameter)
		return l2e__mc_bad(
		    ld, n,
		    "\"has_next_page\" needs \"page_parameter\": "
		    "the query parameter that numbers the pages");
	if (pg->has_next_link && pg->page_parameter)
		return l2e__mc_bad(ld, n,
		                   "\"next_link\" pages are found by their "
		                   "link; \"page_parameter\" is for "
		                   "\"has_next_page\"");
	return 0;
}

static int pg_first_page(l2e__loader *ld, void *out, const l2e__node *v,
                         const l2e__node *n)
{
	(void)n;
	return whole_number(ld, v, &((l2e__paging *)out)->first_page, 0,
	                    1000000, "\"first_page\"");
}

static int pg_page_size_parameter(l2e__loader *ld, void *out,
                                  const l2e__node *v, const l2e__node *n)
{
	(void)n;
	return l2e__mc_text(ld, v, &((l2e__paging *)out)->page_size_parameter,
	                    "\"page_size_parameter\"");
}

static int pg_page_size(l2e__loader *ld, void *out, const l2e__node *v,
                        const l2e__node *n)
{
	l2e__paging *pg = out;
	int error;

	if (v && (error = whole_number(ld, v, &pg->page_size, 1, 100000,
	                               "\"page_size\"")) < 0)
		return error;
	if (!pg->page_size_parameter != !pg->page_size)
		return l2e__mc_bad(ld, n,
		                   "\"page_size\" and \"page_size_parameter\" "
		                   "go together");
	return 0;
}

static int pg_max_pages(l2e__loader *ld, void *out, const l2e__node *v,
                        const l2e__node *n)
{
	(void)n;
	return whole_number(ld, v, &((l2e__paging *)out)->max_pages, 1,
	                    100000000, "\"max_pages\"");
}

/* Compiled in this order: a key's checks see the keys above it. */
static const l2e__key paging_keys[] = {
	{ "has_next_page", pg_has_next_page, 0 },
	{ "next_link", pg_next_link, L2E__KEY_ALWAYS },
	{ "page_parameter", pg_page_parameter, L2E__KEY_ALWAYS },
	{ "first_page", pg_first_page, 0 },
	{ "page_size_parameter", pg_page_size_parameter, 0 },
	{ "page_size", pg_page_size, L2E__KEY_ALWAYS },
	{ "max_pages", pg_max_pages, 0 },
	{ "comment", NULL, 0 },
};

static int is_pageable(const l2e__reader *r, const char *key)
{
	(void)key;
	return r->is_pageable;
}

int l2e__mc_paging(l2e__loader *ld, const l2e__node *n)
{
	l2e__paging *pg = &ld->map->paging;
	l2e_buf formats = L2E_BUF_INIT;
	int error;

	if ((error = l2e__mc_expect(ld, n, L2E__NODE_OBJECT, "\"paging\"")) <
	        0 ||
	    (error = l2e__keys_check(ld, n, paging_keys,
	                             L2E__N_KEYS(paging_keys), "\"paging\"")) <
	        0)
		return error;
	if (!ld->map->source.reader->is_pageable) {
		l2e__reader_labels(&formats, is_pageable, NULL);
		error = l2e__mc_bad(ld, n, "\"paging\" is for %s sources",
		                    formats.ptr ? formats.ptr : "no");
		l2e_buf_dispose(&formats);
		return error;
	}
	pg->is_set = 1;
	pg->first_page = 1;
	pg->max_pages = L2E__DEFAULT_MAX_PAGES;
	return l2e__keys_compile(ld, pg, n, paging_keys,
	                         L2E__N_KEYS(paging_keys));
}
