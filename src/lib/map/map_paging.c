/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_paging.c - "source.paging": how an API hands out an export in
 * pages (see l2e__paging in mapping.h). Only compiled here; the pages are
 * followed where the input is fetched.
 */
#include "map/compile.h"

#include <stddef.h>

#include "core/buf.h"

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
		return l2e__optc_bad(
		    &ld->oc, n,
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
		return l2e__optc_bad(
		    &ld->oc, n,
		    "\"has_next_page\" needs \"page_parameter\": "
		    "the query parameter that numbers the pages");
	if (pg->has_next_link && pg->page_parameter)
		return l2e__optc_bad(&ld->oc, n,
		                     "\"next_link\" pages are found by their "
		                     "link; \"page_parameter\" is for "
		                     "\"has_next_page\"");
	return 0;
}

static int pg_page_size(l2e__loader *ld, void *out, const l2e__node *v,
                        const l2e__node *n)
{
	l2e__paging *pg = out;
	int error;

	if (v && (error = l2e__mc_number(ld, &pg->page_size, v, 1, 100000,
	                                 "\"page_size\"")) < 0)
		return error;
	if (!pg->page_size_parameter != !pg->page_size)
		return l2e__optc_bad(
		    &ld->oc, n,
		    "\"page_size\" and \"page_size_parameter\" "
		    "go together");
	return 0;
}

/* Compiled in this order: a key's checks see the keys above it. */
static const l2e__key paging_keys[] = {
	{ .key = "has_next_page",
	  .kind = L2E__KEY_PATH,
	  .at = offsetof(l2e__paging, has_next),
	  .flags = L2E__KEY_MARK,
	  .mark = offsetof(l2e__paging, has_has_next) },
	L2E__ROW_CALL("next_link", pg_next_link, L2E__KEY_ALWAYS),
	L2E__ROW_CALL("page_parameter", pg_page_parameter, L2E__KEY_ALWAYS),
	{ .key = "first_page",
	  .kind = L2E__KEY_NUMBER,
	  .at = offsetof(l2e__paging, first_page),
	  .min = 0,
	  .max = 1000000 },
	L2E__ROW_VALUE("page_size_parameter", L2E__KEY_TEXT, l2e__paging,
	               page_size_parameter),
	L2E__ROW_CALL("page_size", pg_page_size, L2E__KEY_ALWAYS),
	{ .key = "max_pages",
	  .kind = L2E__KEY_NUMBER,
	  .at = offsetof(l2e__paging, max_pages),
	  .min = 1,
	  .max = 100000000 },
	{ .key = "comment" },
};

static int is_pageable(const l2e__reader *r, const char *key)
{
	(void)key;
	return r->is_pageable;
}

int l2e__mc_paging(l2e__loader *ld, void *out, const l2e__node *n,
                   const l2e__node *src)
{
	l2e__paging *pg = &ld->map->paging;
	l2e_buf formats = L2E_BUF_INIT;
	int error;

	(void)out;
	(void)src;
	if ((error = l2e__mc_expect(ld, n, L2E__NODE_OBJECT, "\"paging\"")) <
	        0 ||
	    (error = l2e__keys_check(ld, n, paging_keys,
	                             L2E__N_KEYS(paging_keys), "\"paging\"")) <
	        0)
		return error;
	if (!ld->map->source.reader->is_pageable) {
		l2e__reader_labels(&formats, is_pageable, NULL);
		error =
		    l2e__optc_bad(&ld->oc, n, "\"paging\" is for %s sources",
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
