/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_json.c - Europass JSON V3.0-V3.3 to V3.4, in place on cJSON's tree.
 *
 * The JSON syntax of v3 has the same content as the XML, so the rules
 * are up_v3.c's (shared ones in rules.c): XSDVersion "V3.4"; printing
 * preferences 3.2 and 3.3 removed go; a date without a Year goes; an
 * ISCO-88 occupation code goes, its Label stays; DocumentType EX is
 * ECV; the instant messaging use "aim" goes. One more, for the JSON
 * schema only: its driving licence list lacks AM and A2 (the XSD has
 * them), so a document that is to be JSON-valid loses them, with a
 * warning. The official JSON schema accepts any "V<d>.<d>" and any
 * preference name, so passing it proves nothing about a version bump:
 * these rules are checked here, not left to the schema.
 *
 * Findings carry the JSON pointer of the value (cJSON keeps no line
 * numbers). A V3.4 document comes out as its very bytes (upgrade.c never
 * re-prints it); an upgraded one is printed by cJSON, indented.
 */
#include "legacy/up_json.h"

#include "legacy/detect.h"
#include "legacy/rules.h"

#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "core/buf.h"

static const char *const im_uses[] = { "gtalk", "skype", "icq", "msn",
	                               "yahoo" };
/* the JSON schema's driving licence enumeration (the XSD adds AM, A2) */
static const char *const json_licences[] = { "A",  "A1",  "B",   "B1", "BE",
	                                     "C",  "C1",  "C1E", "CE", "D",
	                                     "D1", "D1E", "DE" };

static int in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* ==== Limits ==== */

static int check_tree(l2e__up *u, const cJSON *v, size_t depth,
                      size_t *n_values)
{
	const l2e_ctx_options *o = &u->ctx->opts;
	const cJSON *c;
	int error;

	if (depth > o->max_depth)
		return l2e__error_set_at(u->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ,
		                         u->name, 0, 0, NULL,
		                         "values nested deeper than max_depth "
		                         "(%zu)",
		                         o->max_depth);
	if (++*n_values > o->max_values)
		return l2e__error_set_at(
		    u->ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, u->name, 0, 0, NULL,
		    "more than max_values (%zu) values", o->max_values);
	for (c = v->child; c; c = c->next)
		if ((error = check_tree(u, c, depth + 1, n_values)) < 0)
			return error;
	return 0;
}

/* ==== The walk ==== */

typedef struct walk {
	l2e__up *u;
	l2e_buf ptr; /* the JSON pointer of the value being looked at */
} walk;

/* Append a member name or an array index to the pointer. A failed
 * append only shortens the pointer a finding shows; the finding itself
 * is counted either way. */
static void push(walk *w, const char *key, int index)
{
	const char *k;

	if (!key) {
		(void)l2e__buf_printf(&w->ptr, "/%d", index);
		return;
	}
	(void)l2e__buf_putc(&w->ptr, '/');
	for (k = key; *k; k++) /* RFC 6901 escapes */
		if (*k == '~')
			(void)l2e__buf_puts(&w->ptr, "~0");
		else if (*k == '/')
			(void)l2e__buf_puts(&w->ptr, "~1");
		else
			(void)l2e__buf_putc(&w->ptr, *k);
}

/* Back to the pointer as it was at `mark`. */
static void pop(walk *w, size_t mark)
{
	if (w->ptr.ptr && mark <= w->ptr.len) {
		w->ptr.len = mark;
		w->ptr.ptr[mark] = '\0';
	}
}

static int is_named(const cJSON *v, const char *name)
{
	return v && v->string && !strcmp(v->string, name);
}

static const char *string_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Remove member `key` of `obj` with a warning (pointer: w->ptr/key). */
static void drop_member(walk *w, cJSON *obj, const char *key, const char *rule,
                        const char *message)
{
	size_t mark = w->ptr.len;

	push(w, key, 0);
	l2e__up_warn_json(w->u, w->ptr.ptr, rule, "%s", message);
	pop(w, mark);
	cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
}

/* A date object (Year, Month, Day) without a Year. */
static int is_yearless(const cJSON *v)
{
	return cJSON_IsObject(v) &&
	       !cJSON_GetObjectItemCaseSensitive(v, "Year") &&
	       (cJSON_GetObjectItemCaseSensitive(v, "Month") ||
	        cJSON_GetObjectItemCaseSensitive(v, "Day"));
}

static void fix_codes(walk *w, cJSON *v, const cJSON *parent)
{
	const char *code = string_of(v, "Code");
	char msg[240];

	if (!code)
		return;
	/* OccupationalFieldType: Position, Headline.Description */
	if ((is_named(v, "Position") ||
	     (is_named(v, "Description") && is_named(parent, "Headline"))) &&
	    !l2e__up_is_esco(code)) {
		snprintf(msg, sizeof(msg),
		         "occupation code '%.40s' is ISCO-88; v3.4 wants an "
		         "ESCO occupation id, so the code is left out and the "
		         "label kept",
		         code);
		drop_member(w, v, "Code", "isco-code", msg);
	} else if (is_named(v, "Use") &&
	           strstr(w->ptr.ptr ? w->ptr.ptr : "", "/InstantMessaging/") &&
	           !in_list(code, im_uses,
	                    sizeof(im_uses) / sizeof(im_uses[0]))) {
		snprintf(msg, sizeof(msg),
		         "instant messaging use '%.40s' is not in v3.4.1 "
		         "(gtalk, skype, icq, msn, yahoo): the code is left "
		         "out, the contact kept",
		         code);
		drop_member(w, v, "Code", "im-use", msg);
	}
}

static void fix_driving(walk *w, cJSON *desc)
{
	cJSON *c, *next;
	size_t mark = w->ptr.len;
	int i = 0;

	for (c = desc->child; c; c = next, i++) {
		next = c->next;
		if (!cJSON_IsString(c) ||
		    in_list(c->valuestring, json_licences,
		            sizeof(json_licences) / sizeof(json_licences[0])))
			continue;
		push(w, NULL, i);
		l2e__up_warn_json(
		    w->u, w->ptr.ptr, "driving",
		    "driving licence '%.10s' is not in the v3.4.1 "
		    "JSON schema's list (the XSD has it): left out",
		    c->valuestring);
		pop(w, mark);
		cJSON_Delete(cJSON_DetachItemViaPointer(desc, c));
	}
}

static void fix_prefs(walk *w, cJSON *prefs)
{
	cJSON *doc, *f, *next;
	const char *name, *why;
	size_t mark = w->ptr.len, mark2;
	int i, n_kept;

	for (doc = prefs->child; doc; doc = doc->next) {
		if (!cJSON_IsArray(doc) || !doc->string)
			continue;
		push(w, doc->string, 0);
		mark2 = w->ptr.len;
		for (f = doc->child, i = 0, n_kept = 0; f; f = next, i++) {
			next = f->next;
			name = string_of(f, "name");
			if (l2e__up_field_kept(
			        name,
			        cJSON_GetObjectItemCaseSensitive(f, "format") ||
			            cJSON_GetObjectItemCaseSensitive(f, "positi"
			                                                "on") ||
			            cJSON_GetObjectItemCaseSensitive(f,
			                                             "order"),
			        w->u->minor, &why)) {
				n_kept++;
				continue;
			}
			push(w, NULL, i);
			l2e__up_warn_json(w->u, w->ptr.ptr, "preference",
			                  "printing preference '%s' left out: "
			                  "%s",
			                  name ? name : "", why);
			pop(w, mark2);
			cJSON_Delete(cJSON_DetachItemViaPointer(doc, f));
		}
		(void)n_kept;
		pop(w, mark);
	}
}

static void visit(walk *w, cJSON *v, const cJSON *parent)
{
	cJSON *c, *next;
	size_t mark = w->ptr.len;
	int i = 0;

	if (cJSON_IsObject(v)) {
		fix_codes(w, v, parent);
		if (is_named(v, "PrintingPreferences")) {
			fix_prefs(w, v);
			return;
		}
		if (is_named(v, "Driving")) {
			c = cJSON_GetObjectItemCaseSensitive(v, "Description");
			if (cJSON_IsArray(c)) {
				push(w, "Description", 0);
				fix_driving(w, c);
				pop(w, mark);
			}
		}
	}
	for (c = v->child; c; c = next, i++) {
		next = c->next;
		push(w, cJSON_IsObject(v) ? c->string : NULL, i);
		if (cJSON_IsObject(v) && c->string && is_yearless(c)) {
			l2e__up_warn_json(
			    w->u, w->ptr.ptr, "date-year",
			    "%s has no Year, which v3.4 requires: "
			    "left out",
			    c->string);
			cJSON_Delete(cJSON_DetachItemViaPointer(v, c));
		} else if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			visit(w, c, v);
		}
		pop(w, mark);
	}
}

/* ==== Version ==== */

static int fix_info(l2e__up *u, cJSON *info)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(info, "XSDVersion");
	cJSON *type = cJSON_GetObjectItemCaseSensitive(info, "DocumentType");

	if (cJSON_IsString(type) && !strcmp(type->valuestring, "EX")) {
		l2e__up_warn_json(u,
		                  "/SkillsPassport/DocumentInfo/DocumentType",
		                  "document-type",
		                  "document type EX was removed in v3.4: now "
		                  "ECV");
		if (!cJSON_SetValuestring(type, "ECV"))
			return L2E_ENOMEM;
	}
	return cJSON_SetValuestring(v, "V3.4") ? 0 : L2E_ENOMEM;
}

static int detect(l2e__up *u, const cJSON *root, cJSON **info_out)
{
	const cJSON *sp =
	    cJSON_GetObjectItemCaseSensitive(root, "SkillsPassport");
	cJSON *info = cJSON_GetObjectItemCaseSensitive(sp, "DocumentInfo");
	const char *v = string_of(info, "XSDVersion");

	*info_out = info;
	if (!cJSON_IsObject(sp))
		return l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name, 0, 0, NULL,
		    "not a Europass document: a JSON document without a "
		    "\"SkillsPassport\" object");
	if (!l2e__up_parse_version(v, &u->major, &u->minor))
		return l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name, 0, 0,
		    "/SkillsPassport/DocumentInfo/XSDVersion",
		    "unreadable XSDVersion '%s': write the version the "
		    "document was made with (V3.0 ... V3.4)",
		    v ? v : "");
	if (u->major != 3 || u->minor > 4)
		return l2e__error_set_at(
		    u->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ, u->name, 0, 0,
		    "/SkillsPassport/DocumentInfo/XSDVersion",
		    "a Europass JSON document that says it is version %s: "
		    "this tool knows V3.0 to V3.4",
		    v);
	return 0;
}

int l2e__up_v3_json(l2e__up *u, const char *data, size_t len, l2e_buf *out)
{
	cJSON *root = NULL, *info;
	const char *end = NULL;
	walk w;
	char *text = NULL;
	size_t n_values = 0;
	int error;

	memset(&w, 0, sizeof(w));
	w.u = u;
	/* the end pointer, not cJSON_GetErrorPtr(): that one is global */
	root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
	if (!root) {
		error = l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name, 0, 0, NULL,
		    "not well-formed JSON (near byte %zu)",
		    end && end >= data && end <= data + len
		        ? (size_t)(end - data)
		        : (size_t)0);
		goto done;
	}
	while (end && end < data + len &&
	       (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end && end < data + len) {
		error = l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name, 0, 0, NULL,
		    "text after the JSON document (byte %zu)",
		    (size_t)(end - data));
		goto done;
	}
	if ((error = check_tree(u, root, 1, &n_values)) < 0 ||
	    (error = detect(u, root, &info)) < 0)
		goto done;
	if (u->minor >= 4) { /* identity: upgrade.c keeps the bytes */
		error = l2e__buf_put(out, data, len);
		goto done;
	}
	visit(&w, root, NULL);
	if ((error = fix_info(u, info)) < 0)
		goto oom;
	if (!(text = cJSON_Print(root)))
		goto oom;
	if ((error = l2e__buf_puts(out, text)) < 0 ||
	    (error = l2e__buf_putc(out, '\n')) < 0)
		goto oom;
	goto done;
oom:
	error = l2e__error_set(u->ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
	                       "out of memory");
done:
	cJSON_free(text);
	cJSON_Delete(root);
	l2e_buf_dispose(&w.ptr);
	return error;
}
