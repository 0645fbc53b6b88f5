/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * write_europass_json.c - Europass v3.4 JSON (SkillsPassport).
 *
 * The JSON syntax of the v3.4 tree (europass/v3_tree.c), as the
 * official v3.4.1 JSON schema (draft-04) describes it: the root object
 * holds "SkillsPassport"; the XML's locale attribute is the "Locale"
 * property (the other attributes are XML only); every list wrapper
 * (WorkExperienceList, NationalityList, VerifiedBy, ...) becomes an
 * array named after its items ("WorkExperience": [...]), which the tree
 * row of the list names; dates are {"Year": 2024, "Month": 9, "Day": 2}
 * with numbers; Current and EuropassLogo are booleans. The conformance
 * test validates every sample against that schema.
 *
 * What is written, in which order, is the tree's and the view's, shared
 * with the XML writer. The tree is built in a pool and printed as
 * cJSON_Print prints (json_out.c, with cJSON as its reference in the
 * unit test): escaping, insertion order, tabs.
 */
#include "writer.h"

#include <string.h>

#include "core/buf.h"
#include "europass/v3_tree.h"
#include "write/json_out.h"

/* Deeper than the tree goes. */
#define MAX_DEPTH 16

/*
 * The tree under construction with a sticky error: every call does
 * nothing once something failed (or its parent is NULL because an
 * earlier call failed); the writer looks at `failed` once at the end.
 * stack[depth - 1] is the open object or array.
 */
typedef struct jw {
	l2e__json_tree tree;
	int failed;
	l2e__json *stack[MAX_DEPTH];
	size_t depth;
} jw;

static l2e__json *top(jw *j)
{
	return j->failed ? NULL : j->stack[j->depth - 1];
}

static void j_open(void *w, const l2e__ev3_row *r)
{
	jw *j = w;
	l2e__json *parent = top(j), *n = NULL;

	if (j->depth == MAX_DEPTH) {
		j->failed = 1; /* a bug: the tree is deeper than thought */
		return;
	}
	if (parent && r->kind == L2E__EV3_LIST)
		n = l2e__json_add_array(&j->tree, parent, r->json);
	else if (parent && r->kind == L2E__EV3_ITEM)
		n = l2e__json_append_object(&j->tree, parent);
	else if (parent)
		n = l2e__json_add_object(&j->tree, parent, r->json);
	j->stack[j->depth++] = n;
}

static void j_close(void *w, const l2e__ev3_row *r)
{
	jw *j = w;

	(void)r;
	if (j->depth > 1)
		j->depth--;
}

/* "name": "text"; the XML's namespace attributes have no JSON name */
static void j_text(void *w, const l2e__ev3_row *r, const char *text)
{
	jw *j = w;
	l2e__json *parent = top(j);

	if (parent && r->json)
		l2e__json_add_string(&j->tree, parent, r->json, text);
}

/* structuredDateType: numbers, Month and Day only when known */
static void j_date(void *w, const l2e__ev3_row *r, const l2e__date *date)
{
	jw *j = w;
	l2e__json *parent = top(j), *d;

	if (!parent)
		return;
	d = l2e__json_add_object(&j->tree, parent, r->json);
	l2e__json_add_int(&j->tree, d, "Year", date->year);
	if (date->month)
		l2e__json_add_int(&j->tree, d, "Month", date->month);
	if (date->day)
		l2e__json_add_int(&j->tree, d, "Day", date->day);
}

static void j_boolean(void *w, const l2e__ev3_row *r)
{
	jw *j = w;
	l2e__json *parent = top(j);

	if (parent)
		l2e__json_add_bool(&j->tree, parent, r->json, 1);
}

static const l2e__ev3_syntax json_syntax = { j_open, j_close, j_text, j_date,
	                                     j_boolean };

int l2e__write_europass_json(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                             const l2e__write_info *info)
{
	l2e__json *root;
	l2e__ev3_doc doc;
	jw j = { { L2E__POOL_INIT, 0 }, 0, { NULL }, 0 };
	size_t was = out->len;
	int error = 0;

	root = l2e__json_root(&j.tree);
	j.stack[j.depth++] = root;
	/* a view that ran out of memory fails the document */
	if (l2e__ev3_doc_open(&doc, p, info->generator, info->document_time) <
	    0)
		j.failed = 1;
	else
		l2e__ev3_walk(&doc, &json_syntax, &j);
	l2e__ev3_doc_dispose(&doc);
	if (j.failed || j.tree.is_oom) {
		error =
		    l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                   "out of memory building the Europass JSON");
		goto done;
	}
	/* the document and its newline go in whole or not at all */
	error = l2e__json_print(out, &j.tree, root);
	if (!error)
		error = l2e__buf_putc(out, '\n');
	if (error < 0) {
		out->len = was;
		if (out->ptr)
			out->ptr[was] = '\0';
		l2e__error_set(
		    ctx, error, L2E_ERRCLASS_WRITE,
		    error == L2E_ELIMIT
		        ? "no room for the Europass JSON"
		        : "out of memory building the Europass JSON");
	}
done:
	l2e__json_tree_dispose(&j.tree);
	return error;
}
