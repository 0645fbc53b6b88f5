/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * profile.c - the learner profile model (see profile.h).
 */
#include "profile.h"

#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/natid.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const l2e__field_spec document_fields[DOC__N] = {
	[DOC_CREATED] = { "created", L2E__FT_DATETIME, 0 },
	[DOC_LOCALE] = { "locale", L2E__FT_TEXT, 0 },
};

static const l2e__field_spec person_fields[PERSON__N] = {
	[PERSON_FIRST_NAME] = { "first_name", L2E__FT_TEXT, 0 },
	[PERSON_SURNAME_PREFIX] = { "surname_prefix", L2E__FT_TEXT, 0 },
	[PERSON_SURNAME] = { "surname", L2E__FT_TEXT, 0 },
	[PERSON_EMAIL] = { "email", L2E__FT_EMAIL, 0 },
	[PERSON_PHONE] = { "phone", L2E__FT_TEXT, L2E__F_OPT_IN },
	[PERSON_BIRTH_DATE] = { "birth_date", L2E__FT_DATE, L2E__F_OPT_IN },
	[PERSON_GENDER] = { "gender", L2E__FT_TEXT, L2E__F_OPT_IN },
	[PERSON_NATIONALITY] = { "nationality", L2E__FT_COUNTRY,
	                         L2E__F_OPT_IN },
	[PERSON_ADDRESS_LINE] = { "address_line", L2E__FT_TEXT, L2E__F_OPT_IN },
	[PERSON_POSTAL_CODE] = { "postal_code", L2E__FT_TEXT, L2E__F_OPT_IN },
	[PERSON_CITY] = { "city", L2E__FT_TEXT, L2E__F_OPT_IN },
	[PERSON_COUNTRY] = { "country", L2E__FT_COUNTRY, L2E__F_OPT_IN },
	[PERSON_COUNTRY_LABEL] = { "country_label", L2E__FT_TEXT,
	                           L2E__F_OPT_IN },
	[PERSON_STUDENT_NUMBER] = { "student_number", L2E__FT_TEXT,
	                            L2E__F_EDC },
};

static const l2e__field_spec headline_fields[HEADLINE__N] = {
	[HEADLINE_TEXT] = { "text", L2E__FT_TEXT, 0 },
};

static const l2e__field_spec education_fields[EDU__N] = {
	[EDU_TITLE] = { "title", L2E__FT_TEXT, 0 },
	[EDU_QUALIFICATION_CODE] = { "qualification_code", L2E__FT_TEXT, 0 },
	[EDU_ORGANISATION] = { "organisation", L2E__FT_TEXT, 0 },
	[EDU_CITY] = { "city", L2E__FT_TEXT, 0 },
	[EDU_COUNTRY] = { "country", L2E__FT_COUNTRY, 0 },
	[EDU_COUNTRY_LABEL] = { "country_label", L2E__FT_TEXT, 0 },
	[EDU_FROM] = { "from", L2E__FT_DATE, 0 },
	[EDU_TO] = { "to", L2E__FT_DATE, 0 },
	[EDU_ONGOING] = { "ongoing", L2E__FT_BOOL, 0 },
	[EDU_EQF_LEVEL] = { "eqf_level", L2E__FT_EQF, 0 },
	[EDU_FIELD] = { "field", L2E__FT_TEXT, 0 },
	[EDU_ACTIVITIES] = { "activities", L2E__FT_TEXT, 0 },
	[EDU_AWARDED] = { "awarded", L2E__FT_DATE, L2E__F_EDC },
	[EDU_NLQF_LEVEL] = { "nlqf_level", L2E__FT_NLQF, L2E__F_EDC },
	[EDU_BRIN] = { "brin", L2E__FT_TEXT, L2E__F_EDC },
	[EDU_OUTCOMES] = { "learning_outcomes", L2E__FT_TEXT, L2E__F_EDC },
};

static const l2e__field_spec work_fields[WORK__N] = {
	[WORK_POSITION] = { "position", L2E__FT_TEXT, 0 },
	[WORK_EMPLOYER] = { "employer", L2E__FT_TEXT, 0 },
	[WORK_CITY] = { "city", L2E__FT_TEXT, 0 },
	[WORK_COUNTRY] = { "country", L2E__FT_COUNTRY, 0 },
	[WORK_COUNTRY_LABEL] = { "country_label", L2E__FT_TEXT, 0 },
	[WORK_FROM] = { "from", L2E__FT_DATE, 0 },
	[WORK_TO] = { "to", L2E__FT_DATE, 0 },
	[WORK_ONGOING] = { "ongoing", L2E__FT_BOOL, 0 },
	[WORK_ACTIVITIES] = { "activities", L2E__FT_TEXT, 0 },
	[WORK_DESCRIPTION] = { "description", L2E__FT_TEXT, 0 },
	[WORK_ABROAD] = { "abroad", L2E__FT_BOOL, 0 },
	[WORK_PROGRAMME] = { "programme", L2E__FT_TEXT, 0 },
	[WORK_HOURS] = { "hours", L2E__FT_COUNT, L2E__F_EDC },
	[WORK_WEEKS] = { "weeks", L2E__FT_COUNT, L2E__F_EDC },
	[WORK_HOST_ID] = { "host_id", L2E__FT_TEXT, L2E__F_EDC },
	[WORK_OUTCOMES] = { "learning_outcomes", L2E__FT_TEXT, L2E__F_EDC },
	[WORK_CREDENTIAL] = { "credential", L2E__FT_BOOL, L2E__F_EDC },
};

static const l2e__field_spec language_fields[LANG__N] = {
	[LANG_CODE] = { "code", L2E__FT_LANGUAGE, 0 },
	[LANG_LABEL] = { "label", L2E__FT_TEXT, 0 },
	[LANG_MOTHER_TONGUE] = { "mother_tongue", L2E__FT_BOOL, 0 },
	[LANG_LISTENING] = { "listening", L2E__FT_CEFR, 0 },
	[LANG_READING] = { "reading", L2E__FT_CEFR, 0 },
	[LANG_SPOKEN_INTERACTION] = { "spoken_interaction", L2E__FT_CEFR, 0 },
	[LANG_SPOKEN_PRODUCTION] = { "spoken_production", L2E__FT_CEFR, 0 },
	[LANG_WRITING] = { "writing", L2E__FT_CEFR, 0 },
	[LANG_CERTIFICATE] = { "certificate", L2E__FT_TEXT, 0 },
	[LANG_CERTIFICATE_DATE] = { "certificate_date", L2E__FT_DATE, 0 },
};

static const l2e__field_spec digital_fields[DIG__N] = {
	[DIG_LABEL] = { "label", L2E__FT_TEXT, 0 },
	[DIG_AREA] = { "area", L2E__FT_ICT_AREA, 0 },
	[DIG_LEVEL] = { "level", L2E__FT_ICT_LEVEL, 0 },
};

static const l2e__field_spec certificate_fields[CERT__N] = {
	[CERT_TITLE] = { "title", L2E__FT_TEXT, 0 },
	[CERT_CODE] = { "code", L2E__FT_TEXT, 0 },
	[CERT_AWARDING_BODY] = { "awarding_body", L2E__FT_TEXT, 0 },
	[CERT_DATE] = { "date", L2E__FT_DATE, 0 },
	[CERT_URL] = { "url", L2E__FT_TEXT, 0 },
};

static const l2e__field_spec career_fields[CAREER__N] = {
	[CAREER_TITLE] = { "title", L2E__FT_TEXT, 0 },
	/* the student's own reflections: opt-in (codelists.md §7) */
	[CAREER_TEXT] = { "text", L2E__FT_TEXT, L2E__F_OPT_IN },
};

const l2e__section_spec l2e__sections[L2E__SEC_COUNT] = {
	[L2E__SEC_DOCUMENT] = { "document", 0, document_fields,
	                        N(document_fields) },
	[L2E__SEC_PERSON] = { "person", 0, person_fields, N(person_fields) },
	[L2E__SEC_HEADLINE] = { "headline", 0, headline_fields,
	                        N(headline_fields) },
	[L2E__SEC_EDUCATION] = { "education", 1, education_fields,
	                         N(education_fields) },
	[L2E__SEC_WORK] = { "work", 1, work_fields, N(work_fields) },
	[L2E__SEC_LANGUAGE] = { "languages", 1, language_fields,
	                        N(language_fields) },
	[L2E__SEC_DIGITAL] = { "digital_skills", 1, digital_fields,
	                       N(digital_fields) },
	[L2E__SEC_CERTIFICATE] = { "certificates", 1, certificate_fields,
	                           N(certificate_fields) },
	[L2E__SEC_CAREER] = { "career", 1, career_fields, N(career_fields) },
};

int l2e__section_find(const char *name)
{
	int i;

	for (i = 0; i < L2E__SEC_COUNT; i++)
		if (strcmp(l2e__sections[i].name, name) == 0)
			return i;
	return -1;
}

int l2e__field_find(int section, const char *name)
{
	const l2e__section_spec *s = &l2e__sections[section];
	size_t i;

	for (i = 0; i < s->n_fields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

l2e__item *l2e__item_new(l2e__profile *p, int section)
{
	size_t n = l2e__sections[section].n_fields;

	return l2e__pool_alloc(p->pool,
	                       sizeof(l2e__item) + n * sizeof(l2e__value));
}

void l2e__profile_add(l2e__profile *p, int section, l2e__item *item)
{
	size_t i, n = l2e__sections[section].n_fields;
	int has_value = 0;

	for (i = 0; i < n; i++)
		has_value |= item->values[i].is_set;
	if (!has_value)
		return;
	item->next = NULL;
	if (p->last[section])
		p->last[section]->next = item;
	else
		p->first[section] = item;
	p->last[section] = item;
	p->n_items[section]++;
}

const l2e__item *l2e__profile_single(const l2e__profile *p, int section)
{
	return p->first[section];
}

/* ==== Normalisation by type ==== */

static int ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ieq(const char *a, const char *b)
{
	while (*a && *b &&
	       ascii_lower((unsigned char)*a) ==
	           ascii_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Is U+XXXX allowed in an XML 1.0 document, and not a control char? */
static int is_wanted_char(unsigned long cp)
{
	if (cp == '\t' || cp == '\n')
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return 1;
}

/* Are the 8 bytes at u all printable ASCII (0x20..0x7E)? SWAR: with the
 * high bits clear, adding 0x60 sets a lane's high bit from 0x20 up and
 * adding 1 from 0x7F up, and no lane carries into the next. */
static int all_printable(const unsigned char *u)
{
	const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
	uint64_t w;

	memcpy(&w, u, 8);
	return !(w & high) && ((w + ones * 0x60) & high) == high &&
	       !((w + ones) & high);
}

/*
 * Clean text: invalid UTF-8 becomes U+FFFD, control characters go
 * (CR LF becomes LF), and surrounding white space is trimmed.
 */
static int clean_text(l2e_buf *out, const char *s, size_t len,
                      const char **clean_out, size_t *len_out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, end, run;
	unsigned long cp;
	int error = 0, is_changed = 0;

	while (i < len &&
	       (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\r'))
		i++;
	end = len;
	while (end > i && (u[end - 1] == ' ' || u[end - 1] == '\t' ||
	                   u[end - 1] == '\n' || u[end - 1] == '\r'))
		end--;
	/* runs of wanted characters are copied whole; text that needs no
	 * change (the usual case) is not copied at all */
	for (run = i; i < end && !error;) {
		if (end - i >= 8 && all_printable(u + i)) {
			i += 8;
			continue;
		}
		if (u[i] >= 0x20 && u[i] < 0x7F) {
			i++;
			continue;
		}
		if (u[i] == 0 && len != strlen(s)) {
			/* a NUL inside: the text ends there, as it did when
			 * its length was strlen's (never, from a reader) */
			l2e__buf_clear(out);
			return clean_text(out, s, strlen(s), clean_out,
			                  len_out);
		}
		n = l2e__utf8_seq(u + i, end - i);
		if (n == 1)
			cp = u[i];
		else if (n == 2)
			cp = ((u[i] & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu);
		else if (n == 3)
			cp = ((u[i] & 0x0Fu) << 12) |
			     ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu);
		else
			cp = 0x10000;
		if (n && is_wanted_char(cp)) {
			i += n;
			continue;
		}
		is_changed = 1;
		error = l2e__buf_put(out, s + run, i - run);
		if (!error && !n)
			error = l2e__buf_puts(out, "\xEF\xBF\xBD");
		i += n ? n : 1;
		run = i;
	}
	if (error)
		return error;
	if (!is_changed && end == len) {
		*clean_out = s + run;
		*len_out = len - run;
		return 0;
	}
	if ((error = l2e__buf_put(out, s + run, end - run)) < 0)
		return error;
	*clean_out = out->ptr;
	*len_out = out->len;
	return 0;
}

const char *l2e__cefr_normalise(const char *in, char out[3], int *adjusted)
{
	char up[32];
	size_t n = 0;
	const char *p;

	*adjusted = 0;
	/* "B2" or "b2", nearly every level an export holds: as below */
	if (((in[0] | 0x20) == 'a' || (in[0] | 0x20) == 'b' ||
	     (in[0] | 0x20) == 'c') &&
	    (in[1] == '1' || in[1] == '2') && in[2] == '\0') {
		out[0] = (char)ascii_upper((unsigned char)in[0]);
		out[1] = in[1];
		out[2] = '\0';
		return out;
	}
	for (p = in; *p && n < sizeof(up) - 1; p++)
		if (*p != ' ')
			up[n++] = (char)ascii_upper((unsigned char)*p);
	up[n] = '\0';
	p = up;
	if (strncmp(p, "ERK", 3) == 0)
		p += 3;
	if (strncmp(p, "NIVEAU", 6) == 0)
		p += 6;
	if (strncmp(p, "NT2-II", 6) == 0 || strcmp(p, "NT2II") == 0) {
		*adjusted = 1;
		return memcpy(out, "B2", 3);
	}
	if (strncmp(p, "NT2-I", 5) == 0 || strcmp(p, "NT2I") == 0) {
		*adjusted = 1;
		return memcpy(out, "B1", 3);
	}
	if (p[0] < 'A' || p[0] > 'C' || (p[1] != '1' && p[1] != '2'))
		return "";
	out[0] = p[0];
	out[1] = p[1];
	out[2] = '\0';
	p += 2;
	if (*p == '\0' || strcmp(p, "-NIVEAU") == 0 || strcmp(p, "NIVEAU") == 0)
		return out;
	if ((strcmp(p, "+") == 0 && strcmp(out, "C2") != 0) ||
	    (p[0] == '.' && p[1] >= '0' && p[1] <= '9' && p[2] == '\0')) {
		*adjusted = 1; /* round down: B1+ -> B1 */
		return out;
	}
	if (*p == '/' || *p == '-' || strncmp(p, "\xE2\x80\x93", 3) == 0) {
		p += *p == '\xE2' ? 3 : 1;
		if (p[0] >= 'A' && p[0] <= 'C' &&
		    (p[1] == '1' || p[1] == '2') && p[2] == '\0') {
			if (strncmp(p, out, 2) < 0) {
				out[0] = p[0];
				out[1] = p[1];
			}
			*adjusted = 1; /* a range: take the lower bound */
			return out;
		}
	}
	return "";
}

static int is_alpha2(const char *s)
{
	return s[0] && s[1] && !s[2] &&
	       ((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z') &&
	       ((s[1] | 32) >= 'a' && (s[1] | 32) <= 'z');
}

/* ISO 639-1 (two letters) or, where none exists, 639-3 (three) */
static int is_language_code(const char *s)
{
	size_t n = 0;

	while (s[n] && ((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z'))
		n++;
	return !s[n] && (n == 2 || n == 3);
}

static int parse_bool(const char *s, int *out)
{
	static const char *yes[] = { "true", "ja", "j",    "1",
		                     "yes",  "y",  "waar", NULL };
	static const char *no[] = { "false", "nee",    "n", "0",
		                    "no",    "onwaar", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (ieq(s, yes[i]))
			return *out = 1, 1;
	for (i = 0; no[i]; i++)
		if (ieq(s, no[i]))
			return *out = 0, 1;
	return 0;
}

static int is_datetime(const char *s)
{
	/* YYYY-MM-DDThh:mm:ss, optional fraction and zone */
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i;

	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9')
		                    : s[i] != shape[i])
			return 0;
	}
	s += i;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return strlen(s) == 6 && s[3] == ':';
	return *s == '\0';
}

/* 1F..4F, 2S..4S: referentieniveaus Nederlands, not CEFR (codelists §3) */
static int is_reference_level(const char *s)
{
	return s[0] >= '1' && s[0] <= '4' &&
	       (ascii_upper((unsigned char)s[1]) == 'F' ||
	        ascii_upper((unsigned char)s[1]) == 'S') &&
	       s[2] == '\0';
}

/* Europass v3's pattern for an e-mail address: [^@]+@[^.]+\..+ */
/* 1..100000, "480" or "480,0" (exports write hours as decimals); the
 * digits without leading zeros go to out (room for 7) */
static int parse_count(const char *s, char out[8])
{
	size_t n = 0;
	long v = 0;

	while (*s == '0')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n == 6)
			return 0;
		v = v * 10 + (*s - '0');
		out[n++] = *s;
	}
	if (*s == ',' || *s == '.')
		for (s++; *s == '0'; s++)
			;
	out[n] = '\0';
	return *s == '\0' && v >= 1 && v <= 100000;
}

/* NLQF: "entree" (or "0", "Entree..."), 1..8 ("Niveau 3"), "4+" */
static int parse_nlqf(const char *s, char out[8])
{
	while (*s == ' ')
		s++;
	/* Entree, Entreeniveau, Entreeopleiding */
	if (strncmp(s, "entree", 6) == 0 || strncmp(s, "Entree", 6) == 0 ||
	    strcmp(s, "0") == 0) {
		memcpy(out, "entree", 7);
		return 1;
	}
	if (strncmp(s, "niveau ", 7) == 0 || strncmp(s, "Niveau ", 7) == 0)
		s += 7;
	if (s[0] >= '1' && s[0] <= '8' &&
	    (s[1] == '\0' || (s[0] == '4' && s[1] == '+' && !s[2]))) {
		out[0] = s[0];
		out[1] = s[1];
		out[2] = '\0';
		return 1;
	}
	return 0;
}

static int is_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@') || strchr(s, ' '))
		return 0;
	dot = strchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

static const char *const ict_areas[] = { "information",      "communication",
	                                 "content_creation", "safety",
	                                 "problem_solving",  NULL };

int l2e__profile_set(l2e__profile *p, l2e__item *item, int section, int field,
                     const char *text, size_t *redacted, const char **note)
{
	return l2e__profile_set_len(p, item, section, field, text, strlen(text),
	                            redacted, note);
}

int l2e__profile_set_len(l2e__profile *p, l2e__item *item, int section,
                         int field, const char *text, size_t text_len,
                         size_t *redacted, const char **note)
{
	const l2e__field_spec *spec = &l2e__sections[section].fields[field];
	l2e__value *v = &item->values[field];
	l2e_buf clean = L2E_BUF_INIT, safe = L2E_BUF_INIT;
	char small[8];
	const char *val, *checked = NULL;
	size_t len = 0; /* of checked */
	int adjusted = 0, error = 0, i;

	*redacted = 0;
	if (note)
		*note = NULL;
	if ((error = clean_text(&clean, text, text_len, &checked, &len)) < 0)
		goto done;
	if (!*checked) {
		error = L2E__SET_REFUSED;
		if (note)
			*note = "empty value";
		goto done;
	}
	/* redacted into a copy only when there is something to redact */
	if (l2e__natid_find(checked)) {
		error = l2e__natid_redact(&safe, checked, redacted);
		if (error < 0)
			goto done;
		checked = safe.ptr;
		len = safe.len;
	}
	val = checked;

	switch (spec->type) {
	case L2E__FT_TEXT: break;
	case L2E__FT_EMAIL:
		if (!is_email(val)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not an e-mail address";
			goto done;
		}
		break;
	case L2E__FT_DATETIME:
		if (!is_datetime(val)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not a date and time "
				        "(YYYY-MM-DDThh:mm:ss, optional zone)";
			goto done;
		}
		break;
	case L2E__FT_BOOL:
		if (!parse_bool(val, &v->boolean)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not a yes/no value";
			goto done;
		}
		val = v->boolean ? "true" : "false";
		break;
	case L2E__FT_CEFR:
		val = l2e__cefr_normalise(val, small, &adjusted);
		if (!*val) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = is_reference_level(checked)
				            ? "a Dutch reference level (F/S) "
				              "is not "
				              "a CEFR level"
				            : "not a CEFR level (A1..C2)";
			goto done;
		}
		if (adjusted && note)
			*note = "CEFR level rounded down to a base level";
		break;
	case L2E__FT_EQF:
		if (!(val[0] >= '1' && val[0] <= '8' && val[1] == '\0')) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not an EQF level (1..8)";
			goto done;
		}
		break;
	case L2E__FT_COUNTRY:
		if (!is_alpha2(val)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note =
				    "not an ISO 3166-1 alpha-2 country code";
			goto done;
		}
		small[0] = (char)ascii_upper(val[0]);
		small[1] = (char)ascii_upper(val[1]);
		small[2] = '\0';
		/* Europass's EC spellings are written by the writers */
		if (strcmp(small, "EL") == 0)
			memcpy(small, "GR", 3);
		else if (strcmp(small, "UK") == 0)
			memcpy(small, "GB", 3);
		val = small;
		break;
	case L2E__FT_LANGUAGE:
		if (!is_language_code(val)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not an ISO 639 language code";
			goto done;
		}
		for (i = 0; val[i]; i++)
			small[i] = (char)ascii_lower((unsigned char)val[i]);
		small[i] = '\0';
		val = small;
		break;
	case L2E__FT_ICT_AREA:
		for (i = 0; ict_areas[i] && !ieq(val, ict_areas[i]); i++)
			;
		if (!ict_areas[i]) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not a digital competence area";
			goto done;
		}
		val = ict_areas[i];
		break;
	case L2E__FT_ICT_LEVEL:
		small[0] = (char)ascii_upper(val[0]);
		small[1] = '\0';
		if (val[1] || small[0] < 'A' || small[0] > 'C') {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not a digital skill level (A, B or C)";
			goto done;
		}
		val = small;
		break;
	case L2E__FT_COUNT:
		if (!parse_count(val, small)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not a whole number from 1 to 100000";
			goto done;
		}
		val = small;
		break;
	case L2E__FT_NLQF:
		if (!parse_nlqf(val, small)) {
			error = L2E__SET_REFUSED;
			if (note)
				*note = "not an NLQF level (entree, 1..8, 4+)";
			goto done;
		}
		val = small;
		break;
	case L2E__FT_DATE:
		error = L2E__SET_REFUSED;
		if (note)
			*note = "a date needs a date rule";
		goto done;
	}
	v->text = val == checked ? l2e__pool_strndup(p->pool, val, len)
	                         : l2e__pool_strdup(p->pool, val);
	if (!v->text) {
		error = L2E_ENOMEM;
		goto done;
	}
	v->is_set = 1;
	if (adjusted)
		error = L2E__SET_ADJUSTED;
done:
	/* both stay empty for nearly every value */
	if (clean.ptr)
		l2e_buf_dispose(&clean);
	if (safe.ptr)
		l2e_buf_dispose(&safe);
	return error;
}

void l2e__profile_set_date(l2e__item *item, int field, l2e__date date)
{
	item->values[field].date = date;
	item->values[field].is_set = 1;
}
