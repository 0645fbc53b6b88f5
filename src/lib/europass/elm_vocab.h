/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * elm_vocab.h - the European Learning Model (ELM 3.1) vocabulary the EDC
 * writer and the EDC checks share: concept schemes, the concepts we use
 * (credential profile, activity type, mode, languages), EQF and NLQF
 * levels, and the EU country authority list.
 *
 * All of it is data taken from ../shared/europass/elm/cv/ (the controlled
 * vocabularies as XSD enumerations) and its README; the country table is
 * generated (elm_countries.c). A concept is written as
 * {"id", "type": "Concept", "inScheme": {"id": scheme}, "prefLabel"}.
 */
#ifndef L2E_EUROPASS_ELM_VOCAB_H
#define L2E_EUROPASS_ELM_VOCAB_H

#include <stddef.h>

#define L2E__ELM_CONTEXT_VC "https://www.w3.org/2018/credentials/v1"
#define L2E__ELM_CONTEXT_AP "http://data.europa.eu/snb/model/context/edc-ap"

/* the shapes a credential says it follows */
#define L2E__ELM_SCHEMA "http://data.europa.eu/snb/model/ap/edc-generic-full"

/* concept schemes */
#define L2E__ELM_SCHEME_CREDENTIAL \
	"http://data.europa.eu/snb/credential/25831c2"
#define L2E__ELM_SCHEME_EQF "http://data.europa.eu/snb/eqf/25831c2"
#define L2E__ELM_SCHEME_NQF "http://data.europa.eu/snb/qdr/25831c2"
#define L2E__ELM_SCHEME_COUNTRY \
	"http://publications.europa.eu/resource/authority/country"
#define L2E__ELM_SCHEME_LANGUAGE \
	"http://publications.europa.eu/resource/authority/language"
#define L2E__ELM_SCHEME_ACTIVITY \
	"http://data.europa.eu/snb/learning-activity/25831c2"
#define L2E__ELM_SCHEME_MODE \
	"http://data.europa.eu/snb/learning-assessment/25831c2"
#define L2E__ELM_SCHEME_ENCODING "http://data.europa.eu/snb/encoding/25831c2"
#define L2E__ELM_SCHEME_FILE_TYPE \
	"http://publications.europa.eu/resource/authority/file-type"

/* one concept of a scheme */
typedef struct l2e__elm_concept {
	const char *id;
	const char *scheme;
	const char *label_en;
} l2e__elm_concept;

extern const l2e__elm_concept l2e__elm_generic;    /* credential profile */
extern const l2e__elm_concept l2e__elm_internship; /* activity type */
extern const l2e__elm_concept l2e__elm_workbased;  /* mode */
extern const l2e__elm_concept l2e__elm_base64;     /* encoding */
extern const l2e__elm_concept l2e__elm_png;        /* file type */
extern const l2e__elm_concept l2e__elm_lang_nl;
extern const l2e__elm_concept l2e__elm_lang_en;

/** EQF level 1..8 (as text "1".."8"); NULL otherwise. */
const l2e__elm_concept *l2e__elm_eqf(const char *level);
/**
 * NLQF level: "entree" (also "0"), "1".."8", "4+"; NULL otherwise. The
 * concept's EQF twin, when it has one, is in *eqf_out ("" for entree and
 * 4+).
 */
const l2e__elm_concept *l2e__elm_nlqf(const char *level, const char **eqf_out);

/** Is `id` a concept of `scheme`? Checked for EQF and countries; any
 *  other scheme (NQF too: all countries' levels) takes any id. */
int l2e__elm_concept_known(const char *scheme, const char *id);

typedef struct l2e__elm_country {
	const char *alpha2;
	const char *alpha3; /* the authority code, last part of the URI */
	const char *label_en;
} l2e__elm_country;

/** The EU authority country for an ISO alpha-2 code; NULL if unknown. */
const l2e__elm_country *l2e__elm_country_find(const char *alpha2);
/** The same by alpha-3 authority code. */
const l2e__elm_country *l2e__elm_country_by_alpha3(const char *alpha3);

/* generated (elm_countries.c), sorted by alpha2 */
extern const l2e__elm_country l2e__elm_countries[];
extern const size_t l2e__elm_n_countries;

/** A 1x1 PNG, base64: the display image a credential must carry; the
 *  EDC issuer draws the real one when it seals. */
extern const char l2e__elm_blank_png[];

#endif
