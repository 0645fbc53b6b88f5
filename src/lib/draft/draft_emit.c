/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_emit.c - `mapping init`: the draft as a mapping (JSON), with a
 * "comment" on every choice (why, and what to check), the national
 * identifiers left out and the places left unused listed at the end;
 * and the public entry point l2e_mapping_draft().
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "draft/draft_json.h"

#include "lob2europass/draft.h"

#include "draft/draft.h"

#include "core/buf.h"
#include "core/natid.h"
#include "util/alloc.h"

typedef struct emit {
	const l2e__draft *d;
	int is_oom;
} emit;

static cJSON *str(emit *e, const char *s)
{
	cJSON *v = cJSON_CreateString(s);

	if (!v)
		e->is_oom = 1;
	return v;
}

/* A name from the export, national identifiers redacted. */
static cJSON *safe(emit *e, const char *s)
{
	l2e_buf b = L2E_BUF_INIT;
	size_t n;
	cJSON *v;

	if (l2e__natid_redact(&b, s, &n) < 0) {
		e->is_oom = 1;
		return NULL;
	}
	v = str(e, b.ptr ? b.ptr : "");
	l2e_buf_dispose(&b);
	return v;
}

static void add(emit *e, cJSON *obj, const char *key, cJSON *v)
{
	if (l2e__djson_add(obj, key, v) < 0)
		e->is_oom = 1;
}

static void push(emit *e, cJSON *arr, cJSON *v)
{
	if (!v || !arr || !cJSON_AddItemToArray(arr, v)) {
		cJSON_Delete(v);
		e->is_oom = 1;
	}
}

static void addf(emit *e, cJSON *obj, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void addf(emit *e, cJSON *obj, const char *key, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	add(e, obj, key, str(e, text));
}

/* The values of a code column, for the comment (never a national
 * identifier, never a free text: only the types that are codes). */
static void sample_list(char *out, size_t size, const l2e__dcol *c)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < c->n_samples && len + 40 < size; i++) {
		if (l2e__natid_find(c->samples[i]) ||
		    strlen(c->samples[i]) > 30)
			continue;
		len += (size_t)snprintf(out + len, size - len, "%s'%s'",
		                        len ? ", " : "", c->samples[i]);
	}
	if (c->is_many && len + 5 < size)
		snprintf(out + len, size - len, ", ...");
}

static int is_code_type(int type)
{
	return type == L2E__TYPE_EQF || type == L2E__TYPE_CEFR ||
	       type == L2E__TYPE_COUNTRY || type == L2E__TYPE_LANGUAGE ||
	       type == L2E__TYPE_BOOL;
}

static int has_list(const l2e__dfield *f)
{
	return f->type == L2E__TYPE_EQF || f->type == L2E__TYPE_COUNTRY ||
	       f->type == L2E__TYPE_LANGUAGE ||
	       cJSON_GetObjectItemCaseSensitive(f->def, "codelist") ||
	       cJSON_GetObjectItemCaseSensitive(f->def, "map");
}

static void why(emit *e, cJSON *rule, const l2e__dpick *p)
{
	const l2e__dcol *c = p->col[0];
	char values[256], text[700];
	int n;

	n = snprintf(text, sizeof(text),
	             "from '%s' (confidence %d%%: %s; %zu of the items have a "
	             "value)",
	             p->path ? p->path : c->path, (int)(p->score * 100 + 0.5),
	             p->is_long ? "a level column beside a skill column"
	             : p->path && p->score >= 0.85
	                 ? "the kind of an item of a list"
	             : p->path ? "the shape of its values, in the first item "
	                         "of each list"
	             : p->score >= 0.9 ? "its name"
	             : p->score >= 0.5 ? "a name like it"
	                               : "the shape of its values",
	             c->n);
	if (p->n_cols > 1 && n > 0 && (size_t)n < sizeof(text))
		n += snprintf(text + n, sizeof(text) - (size_t)n,
		              "; when empty, the next place of \"first\"");
	if (is_code_type(p->f->type) && n > 0 && (size_t)n < sizeof(text)) {
		sample_list(values, sizeof(values), c);
		if (*values)
			snprintf(text + n, sizeof(text) - (size_t)n,
			         "; values seen: %s%s", values,
			         has_list(p->f) ? ". Check that the code list "
			                          "knows them"
			                        : "");
	}
	add(e, rule, "comment", str(e, text));
}

/* The members `a`, `b`, `c` of the field's definition in the synonyms
 * file (a code list, a value map), copied into the rule. */
static void copy_keys(emit *e, cJSON *r, const l2e__dfield *f, const char *a,
                      const char *b, const char *c)
{
	const char *keys[3];
	const cJSON *v;
	size_t i;

	keys[0] = a;
	keys[1] = b;
	keys[2] = c;
	for (i = 0; i < 3; i++)
		if ((v = cJSON_GetObjectItemCaseSensitive(f->def, keys[i])))
			add(e, r, keys[i], cJSON_Duplicate(v, 1));
}

/* The languages of a language map, Dutch first. */
static cJSON *languages(emit *e)
{
	cJSON *l = cJSON_CreateArray();

	push(e, l, str(e, "nl"));
	push(e, l, str(e, "en"));
	push(e, l, str(e, "*"));
	return l;
}

/* "path" or "first": [...]; a date's patterns. */
static cJSON *rule(emit *e, const l2e__dpick *p)
{
	cJSON *r = cJSON_CreateObject(), *first, *pats, *cl, *caps;
	const char *seen[6];
	size_t i, j, n_seen = 0;

	if (!r) {
		e->is_oom = 1;
		return NULL;
	}
	if (p->path && p->alt) {
		first = cJSON_CreateArray();
		push(e, first, str(e, p->path));
		push(e, first, str(e, p->alt));
		add(e, r, "first", first);
	} else if (p->path) {
		add(e, r, "path", str(e, p->path));
	} else if (p->n_cols > 1 && p->f->type == L2E__TYPE_COUNTRY) {
		/* each place through the code list: a name the list does
		 * not know must not hide a code in the next place */
		first = cJSON_CreateArray();
		for (i = 0; i < p->n_cols; i++) {
			cl = cJSON_CreateObject();
			add(e, cl, "path", str(e, p->col[i]->path));
			if (l2e__dcol_is_concept(p->col[i]))
				add(e, cl, "after_last", str(e, "/"));
			add(e, cl, "codelist", str(e, "country-iso3166"));
			add(e, cl, "unmapped", str(e, "ignore"));
			push(e, first, cl);
		}
		add(e, r, "first", first);
	} else if (p->n_cols == 1) {
		add(e, r, "path", str(e, p->col[0]->path));
	} else {
		/* the language step of a language map is a step of each
		 * place: a rule's own "language" does not reach into "first" */
		first = cJSON_CreateArray();
		for (i = 0; i < p->n_cols; i++) {
			if (!p->col[i]->is_langmap) {
				push(e, first, str(e, p->col[i]->path));
				continue;
			}
			cl = cJSON_CreateObject();
			add(e, cl, "path", str(e, p->col[i]->path));
			add(e, cl, "language", languages(e));
			push(e, first, cl);
		}
		add(e, r, "first", first);
	}
	if (p->f->type == L2E__TYPE_DATE) {
		for (i = 0; i < p->n_cols; i++)
			n_seen =
			    l2e__dcol_date_patterns(p->col[i], seen, n_seen);
		if (l2e__date_patterns_iso(seen, n_seen))
			; /* ISO dates and months: the default reads them */
		else if (n_seen == 1)
			add(e, r, "date", str(e, seen[0]));
		else if (n_seen > 1) {
			pats = cJSON_CreateArray();
			for (j = 0; j < n_seen; j++)
				push(e, pats, str(e, seen[j]));
			add(e, r, "date", pats);
		}
	}
	if (p->col[0]->is_langmap && p->n_cols == 1)
		add(e, r, "language", languages(e));
	/* an address as a linked-data mailbox: mailto:name@school.nl */
	if (p->f->type == L2E__TYPE_EMAIL && p->col[0]->n_samples &&
	    !strncmp(p->col[0]->samples[0], "mailto:", 7))
		add(e, r, "after_last", str(e, "mailto:"));
	if (is_code_type(p->f->type) && l2e__dcol_is_concept(p->col[0]) &&
	    !(p->n_cols > 1 && p->f->type == L2E__TYPE_COUNTRY))
		add(e, r, "after_last", str(e, "/"));
	copy_keys(e, r, p->f, "codelist", "map", "unmapped");
	/* "if_capitals": what to add when some values are in capitals
	 * (a place name: "transform": "title") */
	if ((caps =
	         cJSON_GetObjectItemCaseSensitive(p->f->def, "if_capitals")) &&
	    cJSON_IsObject(caps) && l2e__dcol_has_capitals(p->col[0]))
		for (cl = caps->child; cl; cl = cl->next)
			add(e, r, cl->string, cJSON_Duplicate(cl, 1));
	if (p->f->type == L2E__TYPE_EQF) {
		add(e, r, "codelist", str(e, "mbo-niveau-eqf"));
		add(e, r, "unmapped", str(e, "ignore"));
	} else if (p->f->type == L2E__TYPE_COUNTRY && p->n_cols == 1) {
		add(e, r, "codelist", str(e, "country-iso3166"));
		add(e, r, "unmapped", str(e, "ignore"));
	} else if (p->f->type == L2E__TYPE_LANGUAGE) {
		add(e, r, "codelist", str(e, "language-iso639-1"));
		add(e, r, "unmapped", str(e, "ignore"));
	}
	if (p->is_long && !p->path) {
		cl = cJSON_CreateObject();
		add(e, cl, "path", str(e, p->skill_col->path));
		add(e, cl, "equals", str(e, p->skill_value));
		add(e, r, "when", cl);
	}
	why(e, r, p);
	return r;
}

/* The code at `path` through the list of Dutch names alone. */
static cJSON *names_rule(emit *e, const l2e__dcol *c)
{
	cJSON *one = cJSON_CreateObject();

	add(e, one, "path", str(e, c->path));
	if (l2e__dcol_is_concept(c))
		add(e, one, "after_last", str(e, "/"));
	add(e, one, "codelist", str(e, "language-label-nl"));
	add(e, one, "unmapped", str(e, "ignore"));
	return one;
}

/* The label beside a code: the code list's Dutch name, else the value. */
static cJSON *label_rule(emit *e, const l2e__dpick *p, const char *list,
                         const char *why_text)
{
	const char *names = !strcmp(list, "country-iso3166")
	                        ? "country-label-nl"
	                        : "language-label-nl";
	cJSON *r = cJSON_CreateObject(), *first = cJSON_CreateArray();
	cJSON *one, *lists;
	size_t i;

	/* every place of the code, in the order of "first" */
	for (i = 0; i < p->n_cols; i++) {
		one = cJSON_CreateObject();
		lists = cJSON_CreateArray();
		push(e, lists, str(e, list));
		push(e, lists, str(e, names));
		add(e, one, "path", str(e, p->col[i]->path));
		if (l2e__dcol_is_concept(p->col[i]))
			add(e, one, "after_last", str(e, "/"));
		add(e, one, "codelist", lists);
		add(e, one, "unmapped", str(e, "ignore"));
		push(e, first, one);
	}
	/* a language with no two-letter code (Papiamentu: PAP) still has a
	 * Dutch name in the list of names */
	if (!strcmp(names, "language-label-nl"))
		push(e, first, names_rule(e, p->col[0]));
	/* the value as written, unless it is a concept's address */
	if (!l2e__dcol_is_concept(p->col[0]))
		push(e, first, str(e, p->col[0]->path));
	add(e, r, "first", first);
	add(e, r, "comment", str(e, why_text));
	return r;
}

/* A place was chosen for the field `name` of `section`. */
static int has_field(const l2e__draft *d, int section, const char *name)
{
	size_t i;

	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f->section == section &&
		    !strcmp(d->picks[i].f->field, name))
			return 1;
	return 0;
}

/* The place chosen for the language code, or NULL. */
static const l2e__dpick *language(const l2e__draft *d)
{
	size_t i;

	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f->type == L2E__TYPE_LANGUAGE)
			return &d->picks[i];
	return NULL;
}

/* A language's label: the export's own, else the code's Dutch name. */
static cJSON *label_first(emit *e, const l2e__dpick *p, const l2e__dpick *code)
{
	cJSON *r = cJSON_CreateObject(), *first = cJSON_CreateArray();
	cJSON *one = cJSON_CreateObject(), *lists = cJSON_CreateArray(), *own;

	if (p->col[0]->is_langmap) {
		own = cJSON_CreateObject();
		add(e, own, "path", str(e, p->col[0]->path));
		add(e, own, "language", languages(e));
		push(e, first, own);
	} else {
		push(e, first, str(e, p->col[0]->path));
	}
	push(e, lists, str(e, "language-iso639-1"));
	push(e, lists, str(e, "language-label-nl"));
	add(e, one, "path", str(e, code->col[0]->path));
	if (l2e__dcol_is_concept(code->col[0]))
		add(e, one, "after_last", str(e, "/"));
	add(e, one, "codelist", lists);
	add(e, one, "unmapped", str(e, "ignore"));
	push(e, first, one);
	push(e, first, names_rule(e, code->col[0]));
	add(e, r, "first", first);
	why(e, r, p);
	return r;
}

static void fields(emit *e, cJSON *obj, int section)
{
	const l2e__draft *d = e->d;
	const l2e__dpick *code;
	const cJSON *def;
	cJSON *r;
	size_t i;

	for (i = 0; i < d->n_picks; i++) {
		const l2e__dpick *p = &d->picks[i];

		if (p->f->section != section)
			continue;
		if (section == L2E__SEC_LANGUAGES &&
		    !strcmp(p->f->field, "label") && (code = language(d))) {
			add(e, obj, "label", label_first(e, p, code));
			continue;
		}
		add(e, obj, p->f->field, rule(e, p));
		if (p->f->type == L2E__TYPE_COUNTRY)
			add(e, obj, "country_label",
			    label_rule(e, p, "country-iso3166",
			               "the country's Dutch name, from the "
			               "same place"));
		if (p->f->type == L2E__TYPE_LANGUAGE &&
		    !has_field(d, section, "label"))
			add(e, obj, "label",
			    label_rule(e, p, "language-iso639-1",
			               "the language's Dutch name, else the "
			               "value as written"));
	}
	/* a field no column fills, composed of others, or with a default
	 * in the synonyms file */
	for (i = 0; i < d->words.n_fields; i++) {
		const l2e__dfield *f = &d->words.fields[i];

		if (f->section != section || l2e__draft_pick_of(d, f) ||
		    cJSON_GetObjectItemCaseSensitive(obj, f->field))
			continue;
		if ((r = l2e__draft_compose(d, f, &e->is_oom))) {
			add(e, r, "comment",
			    str(e, "composed by the synonyms file's "
			           "\"compose\" of the places found; check "
			           "the words and the condition"));
			add(e, obj, f->field, r);
			continue;
		}
		if (!(def =
		          cJSON_GetObjectItemCaseSensitive(f->def, "default")))
			continue;
		if (!(r = cJSON_Duplicate(def, 1)) || !cJSON_IsObject(r)) {
			cJSON_Delete(r);
			continue;
		}
		add(e, r, "comment",
		    str(e, "no column found: the default of the synonyms "
		           "file; check it"));
		add(e, obj, f->field, r);
	}
}

static int has_picks(const l2e__draft *d, int section)
{
	size_t i;

	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f->section == section)
			return 1;
	return 0;
}

static cJSON *source(emit *e)
{
	const l2e__draft *d = e->d;
	cJSON *s = cJSON_CreateObject(), *tables, *main, *recs;
	char sep[2] = { 0, 0 };
	size_t i;

	add(e, s, "format", str(e, d->in.format));
	if (!strcmp(d->in.format, "csv")) {
		sep[0] = d->in.tables[0].sep;
		add(e, s, "separator", str(e, sep));
		if (d->in.is_bundle && d->key_column)
			add(e, s, "key_column", str(e, d->key_column));
		if (d->in.is_bundle && d->key_width)
			add(e, s, "key_width",
			    cJSON_CreateNumber((double)d->key_width));
		{
			tables = cJSON_CreateObject();
			for (i = 0; i < d->in.n_tables; i++) {
				const l2e__dtable *t = &d->in.tables[i];

				if (l2e__natid_find(t->file))
					continue; /* never named, never read */
				if (strcmp(t->name, d->main_table)) {
					add(e, tables, t->name,
					    str(e, t->file));
					continue;
				}
				main = cJSON_CreateObject();
				add(e, main, "file", str(e, t->file));
				add(e, main, "main", cJSON_CreateTrue());
				add(e, tables, t->name, main);
			}
			add(e, s, "tables", tables);
			add(e, s, "records", str(e, d->main_table));
			if (!d->in.is_bundle)
				add(e, s, "comment",
				    str(e, "one CSV file: give its folder to "
				           "convert"));
		}
	} else if (d->in.n_paths == 1) {
		add(e, s, "records", str(e, d->in.paths[0]));
	} else if (d->in.n_paths > 1) {
		recs = cJSON_CreateArray();
		for (i = 0; i < d->in.n_paths; i++)
			push(e, recs, str(e, d->in.paths[i]));
		add(e, s, "records", recs);
	}
	return s;
}

static cJSON *dossier(emit *e)
{
	const l2e__draft *d = e->d;
	cJSON *o = cJSON_CreateObject(), *inc, *in;
	size_t i;

	add(e, o, "key", str(e, d->key ? d->key->path : "."));
	if (d->merge)
		add(e, o, "merge", cJSON_CreateTrue());
	if (d->key && d->merge)
		addf(
		    e, o, "comment",
		    "the key '%s': the same value wherever the person's names "
		    "are the same, in each of the %zu records; the records of "
		    "one key are merged into one dossier (\"merge\"). It names "
		    "the files: check that it is the student's own number or "
		    "id, not a national identifier",
		    d->key->path, d->in.n_records);
	else if (d->key)
		addf(e, o, "comment",
		     "the key '%s': a value in each of the %zu records, never "
		     "twice (confidence %d%%). It names the files: check that "
		     "it is the school's student number, not a national "
		     "identifier",
		     d->key->path, d->in.n_records,
		     (int)(d->key_score * 100 + 0.5));
	else
		addf(e, o, "comment",
		     "NO KEY FOUND: no value is in every record and never "
		     "twice. Write the path of the student number here");
	if (!d->consent)
		return o;
	inc = cJSON_CreateObject();
	add(e, inc, "path", str(e, d->consent->path));
	if (d->consent->n_json_bool) {
		add(e, inc, "equals", cJSON_CreateTrue());
	} else {
		in = cJSON_CreateArray();
		for (i = 0; i < d->words.yes.n; i++)
			push(e, in, str(e, d->words.yes.w[i]));
		add(e, inc, "in", in);
	}
	add(e, o, "include", inc);
	addf(e, o, "skip_message",
	     "no consent for a Europass export (%s is not yes)",
	     d->consent->path);
	return o;
}

/* The condition of a section split from a list of kinds. */
static cJSON *where(emit *e, const l2e__dgroup *g)
{
	cJSON *kind = NULL, *has = NULL, *in, *all;
	size_t j;

	if (g->n_where) {
		kind = cJSON_CreateObject();
		in = cJSON_CreateArray();
		add(e, kind, "path", str(e, g->where_path));
		for (j = 0; j < g->n_where; j++)
			push(e, in, str(e, g->where_in[j]));
		add(e, kind, "in", in);
	}
	if (g->where_exists) {
		has = cJSON_CreateObject();
		add(e, has, "path", str(e, g->where_exists));
		add(e, has, "exists", cJSON_CreateTrue());
	}
	if (!kind || !has)
		return kind ? kind : has;
	all = cJSON_CreateArray();
	push(e, all, kind);
	push(e, all, has);
	kind = cJSON_CreateObject();
	add(e, kind, "all", all);
	return kind;
}

static cJSON *profile(emit *e, cJSON *opt_in)
{
	const l2e__draft *d = e->d;
	const l2e__dgroup *g;
	cJSON *p = cJSON_CreateObject(), *o, *loc, *blk;
	size_t i;
	int k;

	o = cJSON_CreateObject();
	loc = cJSON_CreateObject();
	add(e, loc, "value", str(e, "nl"));
	add(e, loc, "comment",
	    str(e, "documents in Dutch; write \"en\" for English"));
	add(e, o, "locale", loc);
	add(e, p, "document", o);
	for (k = L2E__SEC_PERSON; k <= L2E__SEC_HEADLINE; k++) {
		if (!has_picks(d, k))
			continue;
		o = cJSON_CreateObject();
		fields(e, o, k);
		add(e, p, l2e__section_names[k], o);
	}
	for (i = 0; i < d->n_picks; i++)
		if (d->picks[i].f->is_personal) {
			char name[64];

			snprintf(name, sizeof(name), "%s.%s",
			         l2e__section_names[d->picks[i].f->section],
			         d->picks[i].f->field);
			push(e, opt_in, str(e, name));
		}
	for (k = L2E__SEC_EDUCATION; k < L2E__SEC_N; k++) {
		if (!(g = l2e__draft_section_group(d, k)) || !has_picks(d, k))
			continue;
		blk = cJSON_CreateObject();
		add(e, blk, "each", str(e, g->each));
		if (g->n_where || g->where_exists)
			add(e, blk, "where", where(e, g));
		if (k == L2E__SEC_LANGUAGES && d->group_by)
			add(e, blk, "group_by", str(e, d->group_by->path));
		addf(e, blk, "comment",
		     "the list '%s' (%zu items in the export)%s", g->each,
		     g->n_items,
		     k == L2E__SEC_LANGUAGES && d->group_by
		         ? "; a row per language and skill, grouped by "
		           "language"
		         : "");
		o = cJSON_CreateObject();
		fields(e, o, k);
		add(e, blk, "fields", o);
		add(e, p, l2e__section_names[k], blk);
	}
	return p;
}

/* A list whose sections were split from it by kind (draft_split.c). */
static int split_from(const l2e__draft *d, const l2e__dgroup *g)
{
	size_t i;

	for (i = 1; i < d->n_groups; i++)
		if (&d->groups[i] != g && d->groups[i].section >= 0 &&
		    !strcmp(d->groups[i].each, g->each))
			return 1;
	return 0;
}

/* What the administrator must know: the national identifiers left
 * out, and the places no field reads. */
static cJSON *closing(emit *e)
{
	const l2e__draft *d = e->d;
	cJSON *c = cJSON_CreateArray(), *ids = cJSON_CreateArray();
	cJSON *unused = cJSON_CreateArray();
	const l2e__dgroup *g;
	char text[600];
	size_t i, j;

	push(e, c,
	     str(e, "A DRAFT by lob2europass mapping init: read every "
	            "\"comment\", then run 'lob2europass mapping "
	            "check' and convert a few students to check."));
	push(e, c,
	     str(e, "\"opt_in\" lists the personal data this draft "
	            "found (birth date, the students' own texts): "
	            "writing them is the school's decision; remove "
	            "what it must not write."));
	for (i = 0; i < d->n_groups; i++) {
		g = &d->groups[i];
		for (j = 0; j < g->n_cols; j++) {
			const l2e__dcol *col = &g->cols[j];

			snprintf(text, sizeof(text), "%s%s%s", g->each,
			         *g->each ? ": " : "", col->path);
			if (col->is_natid)
				push(e, ids, safe(e, text));
			else if (!col->placed && col->n &&
			         (i == 0 || g->section >= 0))
				push(e, unused, str(e, text));
		}
		if (i > 0 && g->section < 0 && g->n_items &&
		    !split_from(d, g)) {
			snprintf(text, sizeof(text), "the list %s", g->each);
			push(e, unused, safe(e, text));
		}
	}
	if (cJSON_GetArraySize(ids)) {
		push(e, c,
		     str(e, "National identifiers (BSN, onderwijsnummer, "
		            "ECK iD) found and deliberately left out: "
		            "never map them:"));
		push(e, c, ids);
	} else {
		cJSON_Delete(ids);
	}
	push(e, c,
	     str(e, "Places with values that no field reads (map "
	            "them by hand if they belong in the profile):"));
	push(e, c, unused);
	return c;
}

int l2e_mapping_draft(l2e_buf *out, l2e_ctx *ctx, const char *const *inputs,
                      size_t n_inputs, const char *synonyms)
{
	l2e__draft *d;
	emit e;
	cJSON *root = NULL, *opt_in;
	char *text = NULL;
	int error;

	if (!out || !ctx || !inputs || !n_inputs || !synonyms)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_MAP,
		                      "l2e_mapping_draft: no input");
	if (!(d = l2e__calloc(1, sizeof(*d))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	d->inputs = inputs;
	d->n_inputs = n_inputs;
	d->synonyms = synonyms;
	if ((error = l2e__dwords_load(&d->words, ctx, synonyms)) < 0 ||
	    (error = l2e__draft_load(&d->in, ctx, inputs, n_inputs)) < 0 ||
	    (error = l2e__draft_analyse(d, ctx)) < 0)
		goto done;
	e.d = d;
	e.is_oom = 0;
	root = cJSON_CreateObject();
	add(&e, root, "lob2europass_mapping", cJSON_CreateNumber(1));
	add(&e, root, "name", str(&e, "draft"));
	add(&e, root, "description",
	    str(&e, "Drafted by lob2europass mapping init. Check every "
	            "\"comment\" before you use it."));
	add(&e, root, "source", source(&e));
	add(&e, root, "dossier", dossier(&e));
	opt_in = cJSON_CreateArray();
	add(&e, root, "opt_in", opt_in);
	add(&e, root, "profile", profile(&e, opt_in));
	add(&e, root, "comment", closing(&e));
	if (l2e__draft_join_emit(root, d) < 0) /* draft_join.c */
		e.is_oom = 1;
	if (e.is_oom || !(text = cJSON_Print(root))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	if (l2e__buf_puts(out, text) < 0 || l2e__buf_putc(out, '\n') < 0)
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
done:
	cJSON_free(text);
	cJSON_Delete(root);
	if (d) {
		size_t i;

		for (i = 0; i < d->n_groups; i++)
			l2e__free(d->groups[i].cols);
		l2e__free(d->groups);
		l2e__free(d->picks);
		l2e__draft_join_dispose(d);
		l2e__draft_dispose(&d->in);
		l2e__dwords_dispose(&d->words);
		l2e__pool_clear(&d->pool);
		l2e__free(d);
	}
	return error;
}
