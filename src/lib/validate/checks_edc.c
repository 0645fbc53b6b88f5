/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * checks_edc.c - the built-in checks of a European Digital Credential
 * (ELM 3.1 JSON-LD, VC 1.1), without a JVM: what the EDC shapes
 * require and what a wrong value breaks, read straight from the JSON.
 *
 *   structure   the two contexts, the two types, the credential's
 *               required members (credentialProfiles, credentialSchema,
 *               displayParameter, issuer, validFrom, credentialSubject
 *               with a claim); a title on every node type that needs one
 *   concepts    each concept in its scheme (eqfLevel in EQF, nqfLevel in
 *               the NQF scheme, countries in the EU authority list, ...),
 *               and EQF and NLQF concepts that exist
 *   dates       xsd:dateTime that name real days; a period that does not
 *               end before it starts; workload as an xsd:duration
 *   levels      a Qualification's EQF and NLQF levels agree
 *   privacy     no national identifier anywhere (nationalId, or a BSN or
 *               onderwijsnummer in any text): an error, never quoted
 *
 * It is not the SHACL verdict: the shapes are open and far larger. The
 * oracle (../shared/europass/elm/shacl-check) is the test for that.
 */
#include "validate/checks_int.h"

#include <string.h>

#include "core/buf.h"
#include "core/natid.h"
#include "europass/elm_vocab.h"

#define MAX_DEPTH 64

static void add(l2e__checker *c, const l2e__node *n, const char *rule,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add(l2e__checker *c, const l2e__node *n, const char *rule,
                const char *fmt, ...)
{
	l2e_buf ptr = L2E_BUF_INIT;
	va_list ap;

	if (l2e__json_pointer(&ptr, n) < 0)
		c->r->is_oom = 1;
	va_start(ap, fmt);
	l2e__checker_vadd(c, L2E_SEVERITY_ERROR, n->line, n->column,
	                  ptr.ptr ? ptr.ptr : "", rule, fmt, ap);
	va_end(ap);
	l2e_buf_dispose(&ptr);
}

static int is_str(const l2e__node *n, const char *s)
{
	return n && n->kind == L2E__NODE_STRING && strcmp(n->text, s) == 0;
}

static const l2e__node *member(const l2e__node *obj, const char *key)
{
	return obj && obj->kind == L2E__NODE_OBJECT ? l2e__node_member(obj, key)
	                                            : NULL;
}

/* a string, or an array holding it */
static int has_str(const l2e__node *n, const char *s)
{
	const l2e__node *k;

	if (n && n->kind == L2E__NODE_ARRAY) {
		for (k = n->first; k; k = k->next)
			if (is_str(k, s))
				return 1;
		return 0;
	}
	return is_str(n, s);
}

/* ==== Values ==== */

static int digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static long num(const char *s, int n)
{
	long v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* xsd:dateTime of a real day: YYYY-MM-DDThh:mm:ss[.f+][Z|±hh:mm] */
int l2e__check_xsd_datetime(const char *s)
{
	const char *p = s + 19;

	if (strlen(s) < 19 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
	    s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return 0;
	if (!l2e__check_date_exists(num(s, 4), num(s + 5, 2), num(s + 8, 2)) ||
	    num(s + 11, 2) > 23 || num(s + 14, 2) > 59 || num(s + 17, 2) > 59)
		return 0;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
		if (p == s + 20)
			return 0;
	}
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-')
		return digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2) &&
		       p[6] == '\0';
	return *p == '\0';
}

/* xsd:duration: P, then nY nM nD, then T and nH nM nS; at least one */
static int is_duration(const char *s)
{
	int n_parts = 0, in_time = 0;

	if (*s == '-')
		s++;
	if (*s++ != 'P')
		return 0;
	while (*s) {
		if (*s == 'T' && !in_time) {
			in_time = 1;
			s++;
			if (!*s)
				return 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
		if (!strchr(in_time ? "HMS" : "YMD", *s) || !*s)
			return 0;
		s++;
		n_parts++;
	}
	return n_parts > 0;
}

/* ==== Concepts ==== */

typedef struct concept_rule {
	const char *key;
	const char *scheme;
} concept_rule;

static const concept_rule concept_rules[] = {
	{ "eqfLevel", L2E__ELM_SCHEME_EQF },
	{ "nqfLevel", L2E__ELM_SCHEME_NQF },
	{ "countryCode", L2E__ELM_SCHEME_COUNTRY },
	{ "spatial", L2E__ELM_SCHEME_COUNTRY },
	{ "credentialProfiles", L2E__ELM_SCHEME_CREDENTIAL },
	{ "primaryLanguage", L2E__ELM_SCHEME_LANGUAGE },
	{ "dcType", NULL }, /* activity type or another: the node decides */
	{ "mode", L2E__ELM_SCHEME_MODE },
};

static void concept(l2e__checker *c, const l2e__node *n, const char *key,
                    const char *scheme)
{
	const l2e__node *id = member(n, "id");
	const l2e__node *in = member(member(n, "inScheme"), "id");

	if (n->kind == L2E__NODE_ARRAY) {
		for (n = n->first; n; n = n->next)
		concept(c, n, key, scheme);
		return;
	}
	if (n->kind != L2E__NODE_OBJECT) {
		add(c, n, "edc-concept",
		    "%s: a concept object {id, type, inScheme} is needed here, "
		    "not a plain value",
		    key);
		return;
	}
	if (!id || id->kind != L2E__NODE_STRING) {
		add(c, n, "edc-concept", "%s: the concept has no id", key);
		return;
	}
	if (!in || in->kind != L2E__NODE_STRING || strcmp(in->text, scheme)) {
		add(c, n, "edc-concept-scheme",
		    "%s: the concept must be in scheme %s", key, scheme);
		return;
	}
	if (!l2e__elm_concept_known(scheme, id->text))
		add(c, n, "edc-concept-unknown",
		    "%s: %.200s is not a concept of %s", key, id->text, scheme);
}

static const char *concept_scheme(const l2e__node *obj, const char *key)
{
	const l2e__node *type = member(obj, "type");
	size_t i;

	if (strcmp(key, "dcType") == 0)
		return has_str(type, "LearningActivitySpecification")
		           ? L2E__ELM_SCHEME_ACTIVITY
		           : NULL;
	if (strcmp(key, "mode") == 0 &&
	    !has_str(type, "LearningActivitySpecification"))
		return NULL;
	for (i = 0; i < sizeof(concept_rules) / sizeof(concept_rules[0]); i++)
		if (strcmp(concept_rules[i].key, key) == 0)
			return concept_rules[i].scheme;
	return NULL;
}

/* a Qualification's EQF and NLQF levels must name the same level */
static void levels(l2e__checker *c, const l2e__node *q)
{
	const l2e__node *eqf = member(member(q, "eqfLevel"), "id");
	const l2e__node *nq = member(q, "nqfLevel");
	const char *level, *twin = NULL;
	static const char *const nl[] = { "entree", "1", "2", "3", "4",
		                          "4+",     "5", "6", "7", "8" };
	size_t i;

	if (nq && nq->kind == L2E__NODE_ARRAY)
		nq = nq->first;
	nq = member(nq, "id");
	if (!eqf || eqf->kind != L2E__NODE_STRING || !nq ||
	    nq->kind != L2E__NODE_STRING)
		return;
	for (i = 0; i < sizeof(nl) / sizeof(nl[0]); i++)
		if (strcmp(l2e__elm_nlqf(nl[i], &twin)->id, nq->text) == 0)
			break;
	if (i == sizeof(nl) / sizeof(nl[0]))
		return; /* not a Dutch level: nothing to compare */
	level = strrchr(eqf->text, '/');
	if (!level || !*twin || strcmp(level + 1, twin) != 0)
		add(c, eqf->parent, "edc-levels",
		    "eqfLevel %.40s does not match NLQF level %s (EQF %s)",
		    level ? level + 1 : eqf->text, nl[i],
		    *twin ? twin : "none");
}

/* ==== The walk ==== */

static const char *const titled[] = {
	"LearningActivity",
	"LearningAchievement",
	"Qualification",
	"LearningActivitySpecification",
	"LearningAchievementSpecification",
	"LearningOutcome",
	"DisplayParameter",
};

static int has_title(const l2e__node *obj)
{
	const l2e__node *t = member(obj, "title");

	return t && ((t->kind == L2E__NODE_OBJECT && t->first) ||
	             (t->kind == L2E__NODE_STRING && t->len));
}

static void node_checks(l2e__checker *c, const l2e__node *obj)
{
	const l2e__node *type = member(obj, "type"), *a, *b;
	size_t i;

	for (i = 0; i < sizeof(titled) / sizeof(titled[0]); i++)
		if (has_str(type, titled[i]) && !has_title(obj)) {
			add(c, obj, "edc-title", "a %s needs a title",
			    titled[i]);
			break;
		}
	if (has_str(type, "Qualification"))
		levels(c, obj);
	a = member(obj, "startDate");
	b = member(obj, "endDate");
	if (a && b && a->kind == L2E__NODE_STRING &&
	    b->kind == L2E__NODE_STRING && l2e__check_xsd_datetime(a->text) &&
	    l2e__check_xsd_datetime(b->text) &&
	    strncmp(b->text, a->text, 10) < 0)
		add(c, b, "edc-period", "the period ends before it starts");
}

static const char *const date_keys[] = {
	"validFrom",    "validUntil",   "issued",      "expirationDate",
	"startDate",    "endDate",      "dateOfBirth", "awardingDate",
	"issuanceDate", "dateModified",
};

static void walk(l2e__checker *c, const l2e__node *n, int depth)
{
	const l2e__node *k;
	const char *scheme;
	size_t i;

	if (depth > MAX_DEPTH)
		return; /* the reader's depth limit comes first */
	if (n->key && strcmp(n->key, "nationalId") == 0)
		add(c, n, "edc-national-id",
		    "a national identifier (nationalId) must not be in a "
		    "credential; identify the learner by student number or "
		    "e-mail");
	if (n->kind == L2E__NODE_STRING) {
		if (l2e__natid_find(n->text))
			add(c, n, "edc-national-id",
			    "this text holds what looks like a national "
			    "identifier (BSN or onderwijsnummer); it must not "
			    "be in a credential");
		for (i = 0;
		     n->key && i < sizeof(date_keys) / sizeof(*date_keys); i++)
			if (strcmp(n->key, date_keys[i]) == 0 &&
			    !l2e__check_xsd_datetime(n->text))
				add(c, n, "edc-date",
				    "%s: \"%.40s\" is not a date and time "
				    "(YYYY-MM-DDThh:mm:ss) of a real day",
				    n->key, n->text);
		if (n->key && strcmp(n->key, "workload") == 0 &&
		    !is_duration(n->text))
			add(c, n, "edc-duration",
			    "workload: \"%.40s\" is not a duration (PT480H)",
			    n->text);
		return;
	}
	if (n->kind == L2E__NODE_OBJECT)
		node_checks(c, n);
	for (k = n->first; k; k = k->next) {
		if (n->kind == L2E__NODE_OBJECT && k->key &&
		    (scheme = concept_scheme(n, k->key)) != NULL)
		concept(c, k, k->key, scheme);
		walk(c, k, depth + 1);
	}
}

static void required(l2e__checker *c, const l2e__node *cred, const char *key,
                     const char *what)
{
	if (!member(cred, key))
		add(c, cred, "edc-required", "the credential has no %s (%s)",
		    key, what);
}

void l2e__check_edc_json(l2e_report *r, const l2e__node *root)
{
	const l2e__node *cred = member(root, "credential");
	const l2e__node *ctx, *subject, *k;
	l2e__checker c;

	l2e__checker_init(&c, r);
	if (!root)
		return;
	if (!cred) /* not the upload wrapper: the credential itself */
		cred = root;
	ctx = member(cred, "@context");
	if (!has_str(ctx, L2E__ELM_CONTEXT_VC) ||
	    !has_str(ctx, L2E__ELM_CONTEXT_AP))
		add(&c, cred, "edc-context", "@context must list %s and %s",
		    L2E__ELM_CONTEXT_VC, L2E__ELM_CONTEXT_AP);
	/* another context changes what the keys mean; ELM 3.1 knows none */
	for (k = ctx && ctx->kind == L2E__NODE_ARRAY ? ctx->first : NULL; k;
	     k = k->next)
		if (!is_str(k, L2E__ELM_CONTEXT_VC) &&
		    !is_str(k, L2E__ELM_CONTEXT_AP))
			add(&c, k, "edc-context",
			    "@context: only %s and %s belong in an ELM 3.1 "
			    "credential",
			    L2E__ELM_CONTEXT_VC, L2E__ELM_CONTEXT_AP);
	if (!has_str(member(cred, "type"), "VerifiableCredential") ||
	    !has_str(member(cred, "type"), "EuropeanDigitalCredential"))
		add(&c, cred, "edc-type",
		    "type must list VerifiableCredential and "
		    "EuropeanDigitalCredential");
	required(&c, cred, "credentialProfiles", "a concept such as Generic");
	required(&c, cred, "credentialSchema", "the EDC shapes it follows");
	required(&c, cred, "displayParameter", "title, languages, image");
	required(&c, cred, "issuer", "the school");
	required(&c, cred, "validFrom", "a date and time");
	required(&c, cred, "credentialSubject", "the learner");
	subject = member(cred, "credentialSubject");
	if (subject && !member(subject, "hasClaim"))
		add(&c, subject, "edc-required",
		    "the learner has no claim (hasClaim)");
	walk(&c, root, 0);
}
