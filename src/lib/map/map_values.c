/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_values.c - see map_values.h.
 */
#include "map/map_values.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "map/path.h"
#include "util/alloc.h"
#include "util/civil_date.h"

/*
 * A row reached from $root in a file of several students may be another
 * student's: it is this student's only when the record is among its
 * ancestors. Parents are one pointer each, so this is a short walk.
 */
int l2e__rows_inside(const l2e__node *const *rows, size_t n,
                     const l2e__node *record)
{
	const l2e__node *p;
	size_t i;

	for (i = 0; i < n; i++) {
		for (p = rows[i]; p && p != record; p = p->parent)
			;
		if (!p)
			return 0;
	}
	return 1;
}

/* ==== Conditions on text ==== */

int l2e__cond_text(const l2e__cond *c, const l2e__node *n)
{
	const char *v = c->n_values && c->values[0] ? c->values[0] : "";
	size_t len, vlen = strlen(v);

	if (!l2e__node_is_scalar(n))
		return 0;
	len = n->len;
	switch (c->kind) {
	case L2E__COND_CONTAINS: return strstr(n->text, v) != NULL;
	case L2E__COND_STARTS_WITH: return strncmp(n->text, v, vlen) == 0;
	case L2E__COND_ENDS_WITH:
		return len >= vlen &&
		       memcmp(n->text + len - vlen, v, vlen) == 0;
	case L2E__COND_MATCHES:
		return len <= L2E__REGEX_MAX_TEXT &&
		       regexec(&c->regex->re, n->text, 0, NULL, 0) == 0;
	default: return 0;
	}
}

/* ==== Language-typed values ==== */

/* One tag begins the other at a subtag boundary. */
static int lang_prefix(const char *a, const char *b)
{
	size_t n = strlen(a);

	return strncasecmp(b, a, n) == 0 &&
	       (b[n] == '\0' || b[n] == '-' || b[n] == '_');
}

/* "nl" takes "nl", "NL" and "nl-NL"; "en-GB" takes "en" too (RFC 4647
 * lookup); "*" takes any. */
static int lang_fits(const char *want, const char *have)
{
	if (!strcmp(want, "*"))
		return 1;
	return lang_prefix(want, have) || lang_prefix(have, want);
}

static const l2e__node *member2(const l2e__node *n, const char *a,
                                const char *b)
{
	const l2e__node *m = l2e__node_member(n, a);

	return m ? m : l2e__node_member(n, b);
}

/* The value of a {language, value} object (or JSON-LD @-keys), or
 * of one language of a JSON-LD language map (a text or a list). */
static const l2e__node *first_text(const l2e__node *v)
{
	if (v && v->kind == L2E__NODE_ARRAY)
		v = v->first;
	return v && l2e__node_is_scalar(v) ? v : NULL;
}

const l2e__node *l2e__pick_language(const l2e__rule *r, const l2e__node *n)
{
	const l2e__node *e, *lang, *v;
	size_t i;

	if (!n || l2e__node_is_scalar(n) || n->kind == L2E__NODE_NULL)
		return n; /* a plain text is in no language in particular */
	for (i = 0; i < r->n_languages; i++) {
		if (n->kind == L2E__NODE_OBJECT &&
		    !member2(n, "language", "@language")) {
			for (e = n->first; e; e = e->next) /* a language map */
				if (e->key &&
				    lang_fits(r->languages[i], e->key) &&
				    (v = first_text(e)))
					return v;
			continue;
		}
		for (e = n->kind == L2E__NODE_ARRAY ? n->first : n; e;
		     e = n->kind == L2E__NODE_ARRAY ? e->next : NULL) {
			if (e->kind != L2E__NODE_OBJECT)
				continue;
			lang = member2(e, "language", "@language");
			v = first_text(member2(e, "value", "@value"));
			if (v && l2e__node_is_scalar(lang) &&
			    lang_fits(r->languages[i], lang->text))
				return v;
		}
	}
	return NULL;
}

/* ==== Taking part of a value ==== */

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Part `i` of `text` cut at `sep`, trimmed; 0 when there is none. */
static int part_at(const char *text, const char *sep, size_t i,
                   const char **part, size_t *len)
{
	size_t seplen = strlen(sep);
	const char *hit;

	for (;; i--) {
		hit = strstr(text, sep);
		if (i == 0) {
			*part = text;
			*len = hit ? (size_t)(hit - text) : strlen(text);
			trim(part, len);
			return 1;
		}
		if (!hit)
			return 0;
		text = hit + seplen;
	}
}

static int set_part(l2e_buf *out, const char *part, size_t len)
{
	char *copy = l2e__strndup(part, len);
	int error;

	if (!copy)
		return L2E_ENOMEM;
	l2e__buf_clear(out);
	error = l2e__buf_put(out, copy, len);
	l2e__free(copy);
	return error < 0 ? L2E_ENOMEM : 1;
}

/* Which part: the first not empty, or where the parallel value fits. */
static int split_pick(const l2e__rule *r, const l2e__scope *scope, l2e_buf *out)
{
	const l2e__node *by;
	const char *part, *key;
	size_t len, klen, i, k;

	if (!r->n_pick_values) {
		for (i = 0; part_at(out->ptr, r->split, i, &part, &len); i++)
			if (len)
				return set_part(out, part, len);
		return 0;
	}
	by = l2e__path_first(&r->pick_by, scope);
	if (!l2e__node_is_scalar(by))
		return 0;
	for (i = 0; part_at(by->text, r->split, i, &key, &klen); i++)
		for (k = 0; k < r->n_pick_values; k++)
			if (strlen(r->pick_values[k]) == klen &&
			    !strncmp(key, r->pick_values[k], klen))
				return part_at(out->ptr, r->split, i, &part,
				               &len) &&
				               len
				           ? set_part(out, part, len)
				           : 0;
	return 0;
}

int l2e__extract(const l2e__rule *r, const l2e__scope *scope, l2e_buf *out)
{
	regmatch_t m[10];
	const char *at;
	int got, g;

	if (r->split && (got = split_pick(r, scope, out)) <= 0)
		return got;
	if (r->after_last) {
		const char *p = out->ptr, *last = NULL;

		while ((at = strstr(p, r->after_last))) {
			last = at;
			p = at + 1;
		}
		if (last &&
		    (got = set_part(out, last + strlen(r->after_last),
		                    strlen(last + strlen(r->after_last)))) <= 0)
			return got;
	}
	if (r->regex) {
		if (out->len > L2E__REGEX_MAX_TEXT ||
		    regexec(&r->regex->re, out->ptr, 10, m, 0) != 0)
			return 0;
		g = r->group >= 0 ? r->group : r->regex->re.re_nsub > 0;
		if (m[g].rm_so < 0 || m[g].rm_eo <= m[g].rm_so)
			return 0;
		return set_part(out, out->ptr + m[g].rm_so,
		                (size_t)(m[g].rm_eo - m[g].rm_so));
	}
	return 1;
}

/* ==== Dates with a zone ==== */

static int digits(const char **p, int n, int *out)
{
	int v = 0;

	while (n--) {
		if (**p < '0' || **p > '9')
			return 0;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return 1;
}

int l2e__date_zoned(l2e__date *d, char time[16], const char *text,
                    const l2e__zone *z)
{
	int y, mo, da, h, mi, s = 0, oh = 0, om = 0, sign = 0, md;
	long long days, local, secs;
	const char *p = text;
	long year;

	time[0] = '\0';
	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) ||
	    *p++ != '-' || !digits(&p, 2, &da) || (*p != 'T' && *p != 't'))
		return 0;
	p++;
	if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
		return 0;
	if (*p == ':' && (p++, !digits(&p, 2, &s)))
		return 0;
	if (*p == '.' || *p == ',')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!digits(&p, 2, &oh))
			return 0;
		if (*p == ':')
			p++;
		if (*p && !digits(&p, 2, &om))
			return 0;
	} else {
		return 0; /* no zone: a local time, read as written */
	}
	if (*p)
		return 0;
	if (!l2e__date_exists(y, mo, da) || h > 23 || mi > 59 || s > 60 ||
	    oh > 18 || om > 59)
		return -1;
	days = l2e__days_from_civil(y, mo, da);
	secs = days * 86400 + h * 3600 + mi * 60 + s -
	       sign * (oh * 3600 + om * 60);
	local = secs + l2e__zone_offset(z, secs);
	days = local / 86400 - (local % 86400 < 0);
	l2e__civil_from_days(days, &year, &md, &d->day);
	if (year < 1900 || year > 2100)
		return -1;
	d->year = (int)year;
	d->month = md;
	secs = local - days * 86400;
	if (secs)
		snprintf(time, 16, "%02d:%02d", (int)(secs / 3600),
		         (int)(secs / 60 % 60));
	return 1;
}

int l2e__date_zone_rule(l2e__date *d, l2e__diags *diags, const l2e__rule *r,
                        const l2e_mapping *map, const char *text,
                        const l2e__node *at)
{
	const l2e__zone *z = r->zone ? r->zone : map->default_zone;
	char time[16];
	int got;

	/* none with formats, unless the rule names its zone */
	if ((r->date_formats && !r->zone) || !z ||
	    (got = l2e__date_zoned(d, time, text, z)) == 0)
		return -1;
	if (got > 0 && time[0])
		l2e__diag_add(diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\": the time %s (%s) is dropped",
		              r->target, l2e__diag_quote(diags, text), time,
		              l2e__zone_name(z));
	if (got < 0)
		l2e__diag_add(diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\" is not a real date and time; left "
		              "out",
		              r->target, l2e__diag_quote(diags, text));
	return got > 0;
}
