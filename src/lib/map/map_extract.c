/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_extract.c - compiling the newer rule and condition keys: taking
 * part of a value ("language", "split"/"pick", "after_last", "regex"/
 * "group"), the time zone of a date ("zone"), and the text tests of a
 * condition ("contains", "starts_with", "ends_with", "matches").
 * map_values.c runs them. Regular expressions are POSIX extended ones,
 * compiled here once (a broken pattern is a mistake at its line:col),
 * without back-references (the one construct that makes matching
 * slow), and freed with the mapping.
 */
#include "map/compile.h"

#include <stdio.h>
#include <string.h>

#include "map/map_values.h"

static int compile_regex(l2e__loader *ld, const l2e__regex **out,
                         const l2e__node *v, int flags)
{
	l2e__regex *rx;
	char why[128];
	const char *p;
	int rc;

	if (v->kind != L2E__NODE_STRING || !v->len || v->len > L2E__REGEX_MAX)
		return l2e__optc_bad(&ld->oc, v,
		                     "\"%s\" is a regular expression of 1 to "
		                     "%d characters",
		                     v->key ? v->key : "regex", L2E__REGEX_MAX);
	for (p = v->text; *p; p++)
		if (p[0] == '\\' && p[1] >= '1' && p[1] <= '9')
			return l2e__optc_bad(&ld->oc, v,
			                     "a regular expression may not "
			                     "refer back to a group (\\%c)",
			                     p[1]);
	if (!(rx = l2e__pool_alloc(&ld->map->pool, sizeof(*rx))))
		return l2e__mc_oom(ld);
	if ((rc = regcomp(&rx->re, v->text, REG_EXTENDED | flags)) != 0) {
		regerror(rc, &rx->re, why, sizeof(why));
		return l2e__optc_bad(&ld->oc, v,
		                     "bad regular expression \"%s\": %s",
		                     v->text, why);
	}
	rx->next = ld->map->regexes; /* from now on freed with the map */
	ld->map->regexes = rx;
	*out = rx;
	return 0;
}

/* ==== Conditions ==== */

int l2e__mc_cond_text(l2e__loader *ld, void *out, const l2e__node *v,
                      const l2e__node *n)
{
	l2e__cond *c = out;

	(void)n;
	if (!(c->values = l2e__pool_alloc(&ld->map->pool, sizeof(char *))))
		return l2e__mc_oom(ld);
	c->n_values = 1;
	if (!strcmp(v->key, "matches")) {
		if (!(c->values[0] = l2e__pool_strdup(&ld->map->pool, v->text)))
			return l2e__mc_oom(ld);
		return compile_regex(ld, &c->regex, v, REG_NOSUB);
	}
	if (l2e__node_is_scalar(v) && !v->len)
		return l2e__optc_bad(&ld->oc, v, "\"%s\" needs a text", v->key);
	return l2e__mc_text(ld, v, &c->values[0], v->key);
}

/* ==== Rules ==== */

static int valid_tag(const char *s)
{
	size_t n = 0;

	if (!strcmp(s, "*"))
		return 1;
	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9' && n >= 2) ||
		      (*s == '-' && n >= 2)))
			return 0;
	return n >= 2 && n <= 35;
}

int l2e__mc_rule_language(l2e__loader *ld, void *out, const l2e__node *v,
                          const l2e__node *n)
{
	l2e__rule *r = out;
	const l2e__node *e;
	int error;

	(void)n;
	if (v->kind != L2E__NODE_ARRAY || !v->n_children || v->n_children > 16)
		return l2e__optc_bad(&ld->oc, v,
		                     "\"language\" lists 1 to 16 language "
		                     "tags in order, e.g. [\"nl\", \"en\", "
		                     "\"*\"]");
	if (!(r->languages = l2e__pool_alloc(
	          &ld->map->pool, v->n_children * sizeof(*r->languages))))
		return l2e__mc_oom(ld);
	for (e = v->first; e; e = e->next) {
		if ((error = l2e__mc_expect(ld, e, L2E__NODE_STRING,
		                            "a language tag")) < 0)
			return error;
		if (!valid_tag(e->text))
			return l2e__optc_bad(&ld->oc, e,
			                     "\"%s\" is not a language tag "
			                     "(\"nl\", \"en-GB\", or \"*\" for "
			                     "any)",
			                     e->text);
		/* the mapping's tree is freed after loading: a copy */
		if (!(r->languages[r->n_languages++] =
		          l2e__pool_strdup(&ld->map->pool, e->text)))
			return l2e__mc_oom(ld);
	}
	return 0;
}

int l2e__mc_rule_split(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *n)
{
	l2e__rule *r = out;
	int error;

	(void)n;
	if ((error = l2e__mc_text(ld, v, &r->split, "\"split\"")) < 0)
		return error;
	if (!*r->split)
		return l2e__optc_bad(&ld->oc, v, "\"split\" needs a separator");
	return 0;
}

static const l2e__key pick_keys[] = {
	{ .key = "by" },
	{ .key = "equals" },
	{ .key = "in" },
	{ .key = "comment" },
};

int l2e__mc_rule_pick(l2e__loader *ld, void *out, const l2e__node *v,
                      const l2e__node *n)
{
	l2e__rule *r = out;
	const l2e__node *by, *eq, *in, *e;
	int error;

	if (!l2e__node_member(n, "split"))
		return l2e__optc_bad(&ld->oc, v,
		                     "\"pick\" goes with \"split\"");
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_OBJECT, "\"pick\"")) < 0 ||
	    (error = l2e__keys_check(ld, v, pick_keys, L2E__N_KEYS(pick_keys),
	                             "\"pick\"")) < 0)
		return error;
	by = l2e__node_member(v, "by");
	eq = l2e__node_member(v, "equals");
	in = l2e__node_member(v, "in");
	if (!by || !eq == !in)
		return l2e__optc_bad(&ld->oc, v,
		                     "\"pick\" is {\"by\": path, \"equals\": "
		                     "text} or {\"by\": path, \"in\": [...]}");
	if ((error = l2e__mc_path(ld, &r->pick_by, by)) < 0)
		return error;
	if (in && (in->kind != L2E__NODE_ARRAY || !in->n_children))
		return l2e__optc_bad(&ld->oc, in,
		                     "\"in\" lists the texts to pick");
	r->pick_values = l2e__pool_alloc(
	    &ld->map->pool, (in ? in->n_children : 1) * sizeof(char *));
	if (!r->pick_values)
		return l2e__mc_oom(ld);
	for (e = in ? in->first : eq; e; e = in ? e->next : NULL)
		if ((error = l2e__mc_text(ld, e,
		                          &r->pick_values[r->n_pick_values++],
		                          "a text to pick")) < 0)
			return error;
	return 0;
}

int l2e__mc_rule_after_last(l2e__loader *ld, void *out, const l2e__node *v,
                            const l2e__node *n)
{
	l2e__rule *r = out;
	int error;

	(void)n;
	if ((error = l2e__mc_text(ld, v, &r->after_last, "\"after_last\"")) < 0)
		return error;
	if (!*r->after_last)
		return l2e__optc_bad(&ld->oc, v, "\"after_last\" needs a text");
	return 0;
}

int l2e__mc_rule_regex(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *n)
{
	l2e__rule *r = out;
	const l2e__node *g = l2e__node_member(n, "group");
	long group = -1;
	int error;

	if ((error = compile_regex(ld, &r->regex, v, 0)) < 0)
		return error;
	if (g && (error = l2e__mc_number(ld, &group, g, 0, 9, "\"group\"")) < 0)
		return error;
	if (group > (long)r->regex->re.re_nsub)
		return l2e__optc_bad(&ld->oc, g,
		                     "\"group\": the pattern has %zu group%s",
		                     (size_t)r->regex->re.re_nsub,
		                     r->regex->re.re_nsub == 1 ? "" : "s");
	r->group = (int)group;
	return 0;
}

int l2e__mc_rule_group(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *n)
{
	(void)out;
	if (!l2e__node_member(n, "regex"))
		return l2e__optc_bad(&ld->oc, v,
		                     "\"group\" goes with \"regex\"");
	return 0; /* compiled with "regex" */
}

int l2e__mc_zone(l2e__loader *ld, const l2e__zone **out, const char *name,
                 const l2e__node *at)
{
	const l2e__zone *z;
	const char *why = NULL;
	int error;

	for (z = ld->map->zones; z; z = l2e__zone_next(z))
		if (!strcmp(l2e__zone_name(z), name)) {
			*out = z;
			return 0;
		}
	error = l2e__zone_load(&z, &ld->map->pool, name, &why);
	if (error == L2E_ENOMEM)
		return l2e__mc_oom(ld);
	if (error < 0)
		return at ? l2e__optc_bad(&ld->oc, at, "time zone \"%s\" %s",
		                          name, why)
		          : 0; /* the default: missing is found when used */
	l2e__zone_link(z, ld->map->zones);
	ld->map->zones = z;
	*out = z;
	return 0;
}

int l2e__mc_rule_zone(l2e__loader *ld, void *out, const l2e__node *v,
                      const l2e__node *n)
{
	l2e__rule *r = out;
	int error;

	(void)n;
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_STRING, "\"zone\"")) < 0)
		return error;
	return l2e__mc_zone(ld, &r->zone, v->text, v);
}
