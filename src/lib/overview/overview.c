/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * overview.c - collect the overview's facts from converted dossiers.
 *
 * Each dossier adds at most one to every cell it touches, so a cell
 * counts students; the "stays" columns count work items abroad, shown only
 * where their row's students are. Only converted dossiers give facts:
 * a student without consent is counted as such and nothing else.
 */
#include "overview/overview_int.h"

#include <stdio.h>
#include <string.h>

#include "convert/dossier.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/natid.h"
#include "model/profile.h"
#include "util/alloc.h"
#include "util/civil_date.h"

static const ov_col students_cols[] = {
	{ "students", "Students", -1, -1, 0 },
};

/* programmes, levels and school years share their columns */
static const ov_col group_cols[] = {
	{ "students", "Students", -1, -1, 0 },
	{ "with_work", "With work experience", 0, -1, 1 },
	{ "abroad", "With work experience abroad", 0, -1, 1 },
};

static const ov_col place_cols[] = {
	{ "students", "Students", -1, -1, 0 },
	{ "stays", "Stays", 0, -1, 0 },
};

static const char *const skills[] = { "listening", "reading",
	                              "spoken_interaction", "spoken_production",
	                              "writing" };
static const char *const skill_titles[] = { "listening", "reading",
	                                    "spoken interaction",
	                                    "spoken production", "writing" };
static const int skill_fields[] = { LANG_LISTENING, LANG_READING,
	                            LANG_SPOKEN_INTERACTION,
	                            LANG_SPOKEN_PRODUCTION, LANG_WRITING };
#define N_SKILLS 5

static const ov_col language_cols[] = {
	{ "students", "Students", -1, -1, 0 },
	{ "A1", "A1", 0, 0, 0 },
	{ "A2", "A2", 0, 0, 0 },
	{ "B1", "B1", 0, 0, 0 },
	{ "B2", "B2", 0, 0, 0 },
	{ "C1", "C1", 0, 0, 0 },
	{ "C2", "C2", 0, 0, 0 },
};

#define COLS(a) a, sizeof(a) / sizeof(a[0])

static void define_tables(ov_table *t)
{
	static const struct {
		const char *id, *title, *key_title, *note;
		const ov_col *cols;
		size_t n_cols;
		int partition, by_count;
		size_t total_cols;
	} def[OV__N] = {
		[OV_STUDENTS] = { "students", "Students in the export",
		                  "Outcome",
		                  "A student without consent counts here "
		                  "and nowhere else.",
		                  COLS(students_cols), 1, 0, 0 },
		[OV_PROGRAMMES] = { "programmes", "By programme",
		                    "Programme (qualification code)",
		                    "The programme that runs, else the last "
		                    "one started; one with a qualification "
		                    "code first.",
		                    COLS(group_cols), 1, 1, 0 },
		[OV_LEVELS] = { "levels", "By level", "Level (EQF)", NULL,
		                COLS(group_cols), 1, 0, 0 },
		[OV_YEARS] = { "school_years", "By school year of entry",
		               "School year",
		               "The school year (1 August to 31 July) in "
		               "which the programme started.",
		               COLS(group_cols), 1, 0, 0 },
		[OV_DESTINATIONS] = { "destinations", "Destinations abroad",
		                      "Country",
		                      "A student with stays in two countries "
		                      "counts in both.",
		                      COLS(place_cols), 0, 1, 0 },
		[OV_CITIES] = { "cities", "Cities abroad", "City", NULL,
		                COLS(place_cols), 0, 1, 0 },
		[OV_LENGTHS] = { "weeks_abroad", "Length of stays abroad",
		                 "Weeks",
		                 "From the first to the last day; without "
		                 "both dates: unknown.",
		                 COLS(place_cols), 0, 0, 0 },
		[OV_LANGUAGES] = { "languages",
		                   "Language levels (CEFR) by language and "
		                   "skill",
		                   "Language and skill",
		                   "Mother tongues do not count.",
		                   COLS(language_cols), 0, 0, 1 },
	};
	size_t i;

	for (i = 0; i < OV__N; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].id = def[i].id;
		t[i].title = def[i].title;
		t[i].key_title = def[i].key_title;
		t[i].note = def[i].note;
		t[i].cols = def[i].cols;
		t[i].n_cols = def[i].n_cols;
		t[i].rows_partition = def[i].partition;
		t[i].sort_by_count = def[i].by_count;
		t[i].total_cols = def[i].total_cols;
	}
}

int l2e_overview_new(l2e_overview **out, l2e_ctx *ctx, unsigned k)
{
	l2e_overview *ov;
	size_t i;

	*out = NULL;
	if (!k)
		k = L2E_OVERVIEW_K_DEFAULT;
	if (k < L2E_OVERVIEW_K_MIN)
		return l2e__error_set(
		    ctx, L2E_ERROR, L2E_ERRCLASS_NONE,
		    "the smallest group shown must be at least "
		    "%u students (got %u)",
		    L2E_OVERVIEW_K_MIN, k);
	if (!(ov = l2e__calloc(1, sizeof(*ov))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_NONE,
		                      "out of memory");
	ov->ctx = ctx;
	ov->k = k;
	define_tables(ov->t);
	for (i = 0; i < OV__N; i++)
		if (ov_table_init(&ov->t[i]) < 0) {
			l2e_overview_free(ov);
			return l2e__error_set(ctx, L2E_ENOMEM,
			                      L2E_ERRCLASS_NONE,
			                      "out of memory");
		}
	*out = ov;
	return 0;
}

void l2e_overview_free(l2e_overview *ov)
{
	size_t i;

	if (!ov)
		return;
	for (i = 0; i < OV__N; i++)
		ov_table_dispose(&ov->t[i]);
	l2e__free(ov);
}

static const char *text_of(const l2e__item *it, int f)
{
	return it->values[f].is_set && it->values[f].text &&
	               it->values[f].text[0]
	           ? it->values[f].text
	           : NULL;
}

static long long day_number(const l2e__date *d)
{
	return l2e__days_from_civil(d->year, d->month, d->day);
}

/* The programme that runs, else the last one started; with a
 * qualification code if any has one (prior education has none). */
static const l2e__item *main_programme(const l2e__profile *p)
{
	const l2e__item *it, *best = NULL;
	int best_score = -1;

	for (it = p->first[L2E__SEC_EDUCATION]; it; it = it->next) {
		int score = (text_of(it, EDU_QUALIFICATION_CODE) ? 4 : 0) +
		            (it->values[EDU_ONGOING].is_set &&
		                     it->values[EDU_ONGOING].boolean
		                 ? 2
		                 : 0);
		const l2e__value *f = &it->values[EDU_FROM];

		if (score > best_score ||
		    (score == best_score && f->is_set && best &&
		     (!best->values[EDU_FROM].is_set ||
		      day_number(&f->date) >
		          day_number(&best->values[EDU_FROM].date)))) {
			best = it;
			best_score = score;
		}
	}
	return best;
}

static int is_abroad(const l2e__item *w)
{
	const char *c = text_of(w, WORK_COUNTRY);

	if (w->values[WORK_ABROAD].is_set)
		return w->values[WORK_ABROAD].boolean;
	return c && strcmp(c, "NL") != 0;
}

typedef struct seen seen;
static int first_time(seen *s, int table, const char *key);

/* Add n to a cell; to the total too unless the table counts its
 * total students itself (count_total). */
static int add(l2e_overview *ov, int table, const char *key, const char *label,
               int col, long long n)
{
	ov_row *r = ov_table_find(&ov->t[table], key);

	/* labels come from the export: never a national id or a control
	 * character on the page */
	if (!r) {
		l2e_buf safe = L2E_BUF_INIT;

		if (l2e__natid_safe_text(&safe, label, 120) == 0 &&
		    l2e__buf_putc(&safe, 0) == 0)
			r = ov_table_row(&ov->t[table], key, safe.ptr);
		l2e_buf_dispose(&safe);
	}
	if (!r)
		return l2e__error_set(ov->ctx, L2E_ENOMEM, L2E_ERRCLASS_NONE,
		                      "out of memory");
	r->cells[col].v += n;
	if ((size_t)col < ov->t[table].total_cols &&
	    (col || ov->t[table].rows_partition))
		ov->t[table].total[col].v += n;
	return 0;
}

/* Tables where a student may be in several rows count the student once
 * in the total. */
static void count_total(l2e_overview *ov, int table, seen *s)
{
	if (first_time(s, table, ""))
		ov->t[table].total[0].v++;
}

static void school_year(char *buf, size_t size, const l2e__item *edu)
{
	const l2e__value *f = edu ? &edu->values[EDU_FROM] : NULL;
	int y;

	if (!f || !f->is_set || !f->date.month) {
		snprintf(buf, size, "unknown");
		return;
	}
	y = f->date.year - (f->date.month < 8 ? 1 : 0);
	if ((size_t)snprintf(buf, size, "%04d-%04d", y, y + 1) >= size)
		snprintf(buf, size, "unknown");
}

/* Whole weeks, rounded up, as one of a few bands. */
static const char *length_band(const l2e__item *w)
{
	const l2e__value *f = &w->values[WORK_FROM], *t = &w->values[WORK_TO];
	long long days, weeks;

	if (!f->is_set || !t->is_set || !f->date.day || !t->date.day)
		return "9 unknown";
	days = day_number(&t->date) - day_number(&f->date) + 1;
	if (days < 1)
		return "9 unknown";
	weeks = (days + 6) / 7;
	return weeks <= 4    ? "1 1-4"
	       : weeks <= 8  ? "2 5-8"
	       : weeks <= 13 ? "3 9-13"
	       : weeks <= 26 ? "4 14-26"
	                     : "5 27 or more";
}

static int add_group_row(l2e_overview *ov, int table, const char *key,
                         const char *label, int placed, int abroad)
{
	if (add(ov, table, key, label, 0, 1) < 0 ||
	    (placed && add(ov, table, key, label, 1, 1) < 0) ||
	    (abroad && add(ov, table, key, label, 2, 1) < 0))
		return -1;
	return 0;
}

/* Each row a student touches counts the student once. */
/* A student counts in at most SEEN_MAX rows: more is not a real
 * dossier, and counting it once too often would be wrong. */
#define SEEN_MAX 256

struct seen {
	char keys[SEEN_MAX][160];
	int n;
};

static int first_time(seen *s, int table, const char *key)
{
	char k[160];
	int i;

	/* keys are at most 96 bytes (a label is cut at 120 only later) */
	if ((size_t)snprintf(k, sizeof(k), "%d/%s", table, key) >= sizeof(k))
		return 0;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->keys[i], k))
			return 0;
	if (s->n == SEEN_MAX)
		return 0;
	memcpy(s->keys[s->n++], k, sizeof(k));
	return 1;
}

static int add_stays(l2e_overview *ov, const l2e__profile *p, seen *s)
{
	const l2e__item *w;
	char key[96], label[160];

	for (w = p->first[L2E__SEC_WORK]; w; w = w->next) {
		const char *cc = text_of(w, WORK_COUNTRY);
		const char *cl = text_of(w, WORK_COUNTRY_LABEL);
		const char *city = text_of(w, WORK_CITY);
		const char *band = length_band(w);

		if (!is_abroad(w))
			continue;
		if (!cc)
			cc = "??";
		if (!cl)
			cl = strcmp(cc, "??") ? cc : "unknown country";
		count_total(ov, OV_DESTINATIONS, s);
		count_total(ov, OV_LENGTHS, s);
		if (add(ov, OV_DESTINATIONS, cc, cl, 1, 1) < 0 ||
		    (first_time(s, OV_DESTINATIONS, cc) &&
		     add(ov, OV_DESTINATIONS, cc, cl, 0, 1) < 0))
			return -1;
		if (city) {
			snprintf(key, sizeof(key), "%s/%s", cc, city);
			snprintf(label, sizeof(label), "%s (%s)", city, cl);
			count_total(ov, OV_CITIES, s);
			if (add(ov, OV_CITIES, key, label, 1, 1) < 0 ||
			    (first_time(s, OV_CITIES, key) &&
			     add(ov, OV_CITIES, key, label, 0, 1) < 0))
				return -1;
		}
		if (add(ov, OV_LENGTHS, band, band + 2, 1, 1) < 0 ||
		    (first_time(s, OV_LENGTHS, band) &&
		     add(ov, OV_LENGTHS, band, band + 2, 0, 1) < 0))
			return -1;
	}
	return 0;
}

static int level_column(const char *level)
{
	static const char *const levels[] = {
		"A1", "A2", "B1", "B2", "C1", "C2"
	};
	int i;

	for (i = 0; level && i < 6; i++)
		if (!strcmp(level, levels[i]))
			return i + 1;
	return 0;
}

static int add_languages(l2e_overview *ov, const l2e__profile *p, seen *s)
{
	const l2e__item *it;
	char key[96], label[160];
	int i;

	for (it = p->first[L2E__SEC_LANGUAGE]; it; it = it->next) {
		const char *code = text_of(it, LANG_CODE);
		const char *name = text_of(it, LANG_LABEL);

		if (it->values[LANG_MOTHER_TONGUE].is_set &&
		    it->values[LANG_MOTHER_TONGUE].boolean)
			continue;
		if (!code && !name)
			continue;
		for (i = 0; i < N_SKILLS; i++) {
			int col = level_column(text_of(it, skill_fields[i]));

			if (!col)
				continue;
			snprintf(key, sizeof(key), "%s/%s", code ? code : name,
			         skills[i]);
			snprintf(label, sizeof(label), "%s, %s",
			         name ? name : code, skill_titles[i]);
			if (!first_time(s, OV_LANGUAGES, key))
				continue;
			count_total(ov, OV_LANGUAGES, s);
			if (add(ov, OV_LANGUAGES, key, label, 0, 1) < 0 ||
			    add(ov, OV_LANGUAGES, key, label, col, 1) < 0)
				return -1;
		}
	}
	return 0;
}

static int add_facts(l2e_overview *ov, const l2e__profile *p)
{
	const l2e__item *edu = main_programme(p), *w;
	char key[64], label[200], year[16];
	const char *code = edu ? text_of(edu, EDU_QUALIFICATION_CODE) : NULL;
	const char *title = edu ? text_of(edu, EDU_TITLE) : NULL;
	const char *eqf = edu ? text_of(edu, EDU_EQF_LEVEL) : NULL;
	int placed = p->first[L2E__SEC_WORK] != NULL, abroad = 0;
	seen s;

	s.n = 0;
	for (w = p->first[L2E__SEC_WORK]; w; w = w->next)
		abroad |= is_abroad(w);
	snprintf(key, sizeof(key), "%s", code ? code : "~");
	if (code)
		snprintf(label, sizeof(label), "%s %s", code,
		         title ? title : "");
	else
		snprintf(label, sizeof(label), "unknown");
	if (add_group_row(ov, OV_PROGRAMMES, key, label, placed, abroad) < 0)
		return -1;
	snprintf(key, sizeof(key), "%s", eqf ? eqf : "~");
	snprintf(label, sizeof(label), "%s%s", eqf ? "EQF " : "unknown",
	         eqf ? eqf : "");
	if (add_group_row(ov, OV_LEVELS, key, label, placed, abroad) < 0)
		return -1;
	school_year(year, sizeof(year), edu);
	if (add_group_row(ov, OV_YEARS, year, year, placed, abroad) < 0)
		return -1;
	if (add_stays(ov, p, &s) < 0)
		return -1;
	return add_languages(ov, p, &s);
}

/* Why a dossier was rejected: the profile field of its first error. */
static const char *reject_reason(const l2e_dossier *d)
{
	size_t i;

	for (i = 0; i < l2e_dossier_diag_count(d); i++) {
		const l2e_diag *g = l2e_dossier_diag(d, i);

		if (g->severity == L2E_SEVERITY_ERROR && g->rule && g->rule[0])
			return g->rule;
	}
	return "other";
}

int l2e_overview_add(l2e_overview *ov, const l2e_dossier *d)
{
	char key[96], label[128];

	if (ov->sealed)
		return l2e__error_set(ov->ctx, L2E_ERROR, L2E_ERRCLASS_NONE,
		                      "the overview was already written");
	switch (l2e_dossier_status_get(d)) {
	case L2E_DOSSIER_OK:
		if (add(ov, OV_STUDENTS, "1", "converted", 0, 1) < 0)
			return -1;
		return add_facts(ov, &d->profile) < 0 ? L2E_ENOMEM : 0;
	case L2E_DOSSIER_SKIPPED:
		return add(ov, OV_STUDENTS, "2", "not converted: no consent", 0,
		           1);
	case L2E_DOSSIER_REJECTED: break;
	}
	snprintf(key, sizeof(key), "3/%.80s", reject_reason(d));
	snprintf(label, sizeof(label), "not converted: error in %.80s",
	         reject_reason(d));
	return add(ov, OV_STUDENTS, key, label, 0, 1);
}

/* The same number in two places is hidden in both or neither. */
static void link(l2e_overview *ov, ov_cell *a, ov_cell *b)
{
	if (ov->n_links < OV_MAX_LINKS) {
		ov->links[ov->n_links].a = a;
		ov->links[ov->n_links].b = b;
		ov->n_links++;
	}
}

static void seal(l2e_overview *ov)
{
	ov_table *tables[OV__N];
	ov_row *converted;
	size_t i, c;

	if (ov->sealed)
		return;
	ov->sealed = 1;
	for (i = 0; i < OV__N; i++) {
		ov_table_sort(&ov->t[i]);
		tables[i] = &ov->t[i];
	}
	/* programmes, levels and years count the same students */
	for (c = 0; c < 3; c++) {
		link(ov, &ov->t[OV_PROGRAMMES].total[c],
		     &ov->t[OV_LEVELS].total[c]);
		link(ov, &ov->t[OV_PROGRAMMES].total[c],
		     &ov->t[OV_YEARS].total[c]);
	}
	link(ov, &ov->t[OV_PROGRAMMES].total[2],
	     &ov->t[OV_DESTINATIONS].total[0]);
	converted = ov_table_row(&ov->t[OV_STUDENTS], "1", "converted");
	if (converted)
		link(ov, &converted->cells[0], &ov->t[OV_PROGRAMMES].total[0]);
	ov_suppress(tables, OV__N, ov->links, ov->n_links, ov->k);
}

int l2e_overview_write(l2e_buf *out, l2e_overview *ov, l2e_overview_format fmt)
{
	int rc;

	seal(ov);
	switch (fmt) {
	case L2E_OVERVIEW_HTML: rc = l2e__overview_html(out, ov); break;
	case L2E_OVERVIEW_JSON: rc = l2e__overview_json(out, ov); break;
	case L2E_OVERVIEW_CSV: rc = l2e__overview_csv(out, ov, 0); break;
	case L2E_OVERVIEW_CSV_EXCEL_NL:
		rc = l2e__overview_csv(out, ov, 1);
		break;
	default:
		return l2e__error_set(ov->ctx, L2E_ENOTSUPPORTED,
		                      L2E_ERRCLASS_NONE,
		                      "unknown overview format %d", (int)fmt);
	}
	return rc < 0 ? l2e__error_set(ov->ctx, L2E_ENOMEM, L2E_ERRCLASS_NONE,
	                               "out of memory")
	              : 0;
}
