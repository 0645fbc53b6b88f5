/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_json_input.c - the export reader, mapping engine and writers.
 *
 * The input is a JSON export. A fixed mapping (below) that uses every
 * profile section and every rule kind is loaded once; each input is read
 * with l2e_input_open_memory(), every dossier is mapped, and every
 * converted dossier is written in every format the library has. Then:
 *
 *  - every document must be well-formed (fuzz_check.h);
 *  - no document, file name, finding or error message may hold a
 *    national identifier (BSN, onderwijsnummer, ECK iD), whatever the
 *    input: the library must redact them;
 *  - a dossier that was not converted must not be writable.
 *
 * Public API only. Code lists come from mappings/codelists (the path is
 * compiled in; L2E_FUZZ_CODELISTS in the environment overrides it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lob2europass/lob2europass.h>

#include "fuzz_check.h"

#ifndef L2E_FUZZ_CODELISTS
#define L2E_FUZZ_CODELISTS "mappings/codelists"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Every section (list sections once as an array of blocks), every rule
 * kind (path, value, first, template + with, when, map, codelist,
 * unmapped warn/ignore/keep, transform, date formats, default,
 * required), every condition (equals, in, not_in, exists, all, any,
 * not), every path form ($root, $record, [n], [*], [k=v], ['quoted']),
 * and every opt-in field.
 */
/* In pieces: C compilers need not take literals over 4095 bytes. */
static const char *const mapping_parts[] = {
	"{\n"
	"  \"lob2europass_mapping\": 1,\n"
	"  \"name\": \"fuzz-json-input\",\n"
	"  \"source\": { \"format\": \"json\", "
	"\"records\": [\"items\", \"students[*]\", \".\"] },\n"
	"  \"dossier\": {\n"
	"    \"key\": \"primaryCode[codeType=student_number].code\",\n"
	"    \"include\": { \"any\": [\n"
	"      { \"path\": \"consent.europassExport\", \"equals\": true },\n"
	"      { \"all\": [ { \"path\": \"consent\", \"exists\": false },\n"
	"                   { \"not\": { \"path\": \"skip\", \"in\": [true, "
	"\"ja\"] } } ] }\n"
	"    ] },\n"
	"    \"skip_message\": \"no consent\"\n"
	"  },\n"
	"  \"opt_in\": [\"career.text\", \"person.phone\", "
	"\"person.birth_date\",\n    \"person.gender\",\n"
	"    \"person.nationality\", \"person.address_line\", "
	"\"person.postal_code\",\n"
	"    \"person.city\", \"person.country\", \"person.country_label\"],\n"
	"  \"profile\": {\n"
	"    \"document\": {\n"
	"      \"created\": { \"first\": [\"$root.exportedAt\", "
	"\"$record.exportedAt\"] },\n"
	"      \"locale\": { \"path\": \"languageOfChoice[0]\", \"transform\": "
	"\"lower\", "
	"\"default\": \"nl\" }\n"
	"    },\n"
	"    \"person\": {\n"
	"      \"first_name\": { \"path\": \"givenName\", \"required\": true "
	"},\n"
	"      \"surname_prefix\": \"surnamePrefix\",\n"
	"      \"surname\": { \"path\": \"surname\", \"required\": true },\n"
	"      \"email\": \"mail\",\n"
	"      \"student_number\": \"primaryCode.code\",\n"
	"      \"phone\": \"['phone number']\",\n"
	"      \"birth_date\": { \"path\": \"dateOfBirth\", "
	"\"date\": [\"jjjj-mm-dd\", \"d-m-jjjj\", \"jjjjmmdd\", \"mm/jjjj\"],\n"
	"                      \"when\": { \"path\": "
	"\"consent.includeBirthDate\", "
	"\"equals\": true } },\n"
	"      \"gender\": { \"path\": \"gender\", \"map\": { \"man\": \"M\", "
	"\"vrouw\": \"F\", \"x\": \"X\" }, \"unmapped\": \"keep\", "
	"\"transform\": [\"upper\"] },\n"
	"      \"nationality\": { \"path\": \"countryOfBirth\", \"transform\": "
	"\"upper\" },\n"
	"      \"address_line\": \"address.street\",\n"
	"      \"postal_code\": { \"path\": \"address.postalCode\", "
	"\"transform\": \"upper\" },\n"
	"      \"city\": \"address.city\",\n"
	"      \"country\": { \"path\": \"address.countryCode\", \"default\": "
	"\"NL\" },\n"
	"      \"country_label\": { \"path\": \"address.countryCode\", "
	"\"codelist\": \"country-label-nl\", \"unmapped\": \"warn\" }\n"
	"    },\n"
	"    \"headline\": {\n"
	"      \"text\": { \"first\": [\n"
	"        \"profile.summary[language=nl-NL].value\",\n"
	"        { \"template\": \"{a} / {b}\", \"with\": { \"a\": "
	"\"profile.summary[0].value\", "
	"\"b\": { \"path\": \"profile.summary[1].value\", \"default\": \"-\" } "
	"} },\n"
	"        { \"value\": \"geen samenvatting\" }\n",
	"      ] }\n"
	"    },\n"
	"    \"education\": [\n"
	"      {\n"
	"        \"each\": \"programmes\",\n"
	"        \"where\": { \"path\": \"state\", \"not_in\": [\"cancelled\", "
	"\"rejected\"] },\n"
	"        \"fields\": {\n"
	"          \"title\": { \"first\": [\"name[language=nl-NL].value\", "
	"\"name[0].value\", "
	"\"name\"], \"required\": true },\n"
	"          \"qualification_code\": { \"first\": "
	"[\"otherCodes[codeType=programme_code].code\", "
	"\"otherCodes[codeType=crohoCreboCode].code\"] },\n"
	"          \"organisation\": \"organisation.name\",\n"
	"          \"awarded\": \"diplomaDate\",\n"
	"          \"nlqf_level\": \"level\",\n"
	"          \"city\": \"organisation.address.city\",\n"
	"          \"country\": \"organisation.address.countryCode\",\n"
	"          \"country_label\": { \"path\": "
	"\"organisation.address.countryCode\", "
	"\"codelist\": \"country-label-nl\", \"unmapped\": \"ignore\" },\n"
	"          \"from\": { \"path\": \"startDate\", \"date\": "
	"\"jjjj-mm-dd\" },\n"
	"          \"to\": { \"first\": [\"endDate\", \"expectedEndDate\"] },\n"
	"          \"ongoing\": { \"value\": true, \"when\": { \"path\": "
	"\"state\", "
	"\"equals\": \"active\" } },\n"
	"          \"eqf_level\": { \"first\": [\n"
	"            { \"path\": \"levelOfQualification\", \"codelist\": "
	"\"mbo-niveau-eqf\" },\n"
	"            { \"path\": \"level\", \"codelist\": \"mbo-niveau-eqf\", "
	"\"unmapped\": \"ignore\" }\n"
	"          ] },\n"
	"          \"field\": \"$root.source.system\",\n"
	"          \"activities\": { \"template\": \"Kwalificatie {crebo}, "
	"leerweg {leerweg}, "
	"cohort {cohort}\",\n"
	"            \"with\": { \"crebo\": \"otherCodes[*].code\", "
	"\"leerweg\": "
	"\"ext.leerweg\", \"cohort\": \"ext.cohort\" } }\n"
	"        }\n"
	"      },\n"
	"      { \"each\": \"$root.diplomas\", \"fields\": { \"title\": "
	"\"title\", "
	"\"to\": { \"path\": \"date\", \"date\": [\"dd-mm-jjjj\", \"jjjj\"] } "
	"} }\n"
	"    ],\n"
	"    \"work\": {\n"
	"      \"each\": \"placements\",\n"
	"      \"where\": { \"any\": [ { \"path\": \"status\", \"in\": "
	"[\"definitive\", "
	"\"ended\"] }, { \"path\": \"status\", \"exists\": false } ] },\n"
	"      \"fields\": {\n"
	"        \"position\": \"role\",\n"
	"        \"employer\": { \"path\": \"organisation.name\", "
	"\"required\": true },\n"
	"        \"city\": \"organisation.address.city\",\n"
	"        \"country\": \"organisation.address.countryCode\",\n"
	"        \"country_label\": { \"path\": "
	"\"organisation.address.countryCode\", "
	"\"codelist\": \"country-label-nl\", \"unmapped\": \"keep\" },\n"
	"        \"from\": \"startDate\",\n"
	"        \"to\": \"endDate\",\n"
	"        \"ongoing\": { \"path\": \"current\" },\n"
	"        \"activities\": { \"first\": "
	"[\"tasks[language=nl-NL].value\", "
	"\"tasks[0].value\", \"tasks\"] },\n",
	"        \"abroad\": \"abroad\",\n"
	"        \"hours\": \"totalHours\",\n"
	"        \"host_id\": \"organisation.sbbLeerbedrijfId\",\n"
	"        \"learning_outcomes\": \"learningOutcomes[0].value\",\n"
	"        \"programme\": { \"path\": \"programme\", \"codelist\": "
	"\"bpv-programme-label\", \"unmapped\": \"warn\" },\n"
	"        \"description\": { \"first\": [\n"
	"          { \"template\": \"Stage in het buitenland, {p}\", \"with\": "
	"{ \"p\": "
	"{ \"path\": \"programme\", \"codelist\": \"bpv-programme-label\", "
	"\"unmapped\": "
	"\"ignore\" } }, \"when\": { \"path\": \"abroad\", \"equals\": true } "
	"},\n"
	"          { \"value\": \"Stage\" }\n"
	"        ] }\n"
	"      }\n"
	"    },\n"
	"    \"languages\": {\n"
	"      \"each\": \"languages\",\n"
	"      \"fields\": {\n"
	"        \"code\": { \"path\": \"language\", \"codelist\": "
	"\"language-iso639-1\", "
	"\"unmapped\": \"keep\" },\n"
	"        \"label\": { \"first\": [\"label\", { \"path\": \"language\", "
	"\"codelist\": "
	"\"language-label-nl\" }] },\n"
	"        \"mother_tongue\": \"motherTongue\",\n"
	"        \"listening\": \"levels.listening\",\n"
	"        \"reading\": \"levels.reading\",\n"
	"        \"spoken_interaction\": \"levels.spokenInteraction\",\n"
	"        \"spoken_production\": \"levels.spokenProduction\",\n"
	"        \"writing\": \"levels.writing\",\n"
	"        \"certificate\": { \"value\": \"Centraal examen mbo\", "
	"\"when\": "
	"{ \"path\": \"evidence[type=central_exam]\", \"exists\": true } },\n"
	"        \"certificate_date\": { \"path\": "
	"\"evidence[type=central_exam].date\", "
	"\"date\": [\"jjjj-mm-dd\", \"jjjj-mm\"] }\n"
	"      }\n"
	"    },\n"
	"    \"digital_skills\": {\n"
	"      \"each\": \"digitalSkills\",\n"
	"      \"fields\": {\n"
	"        \"label\": \"label\",\n"
	"        \"area\": { \"path\": \"area\", \"transform\": \"lower\" },\n"
	"        \"level\": { \"path\": \"level\", \"map\": { \"basic\": "
	"\"A\", "
	"\"independent\": \"B\", \"proficient\": \"C\" }, \"unmapped\": "
	"\"keep\" }\n"
	"      }\n"
	"    },\n"
	"    \"certificates\": {\n"
	"      \"each\": \"achievements[*]\",\n"
	"      \"fields\": {\n"
	"        \"title\": { \"path\": \"title\", \"required\": true },\n"
	"        \"code\": \"code\",\n"
	"        \"awarding_body\": \"awardingBody\",\n"
	"        \"date\": { \"first\": [\"date\", \"issuedOn\"], \"date\": "
	"[\"jjjj-mm-dd\", "
	"\"jjjj-mm\", \"d-m-jjjj\"] },\n"
	"        \"url\": \"url\"\n"
	"      }\n"
	"    },\n"
	"    \"career\": [\n"
	"      { \"each\": \"ext.lob.competences\", \"fields\": {\n"
	"        \"title\": { \"path\": \"code\", \"codelist\": "
	"\"loopbaancompetentie-nl\", "
	"\"unmapped\": \"keep\" },\n"
	"        \"text\": \"studentText\" } },\n"
	"      { \"each\": \"ext.lob.activities\", \"where\": { \"not\": { "
	"\"path\": "
	"\"type\", \"equals\": \"intern\" } }, \"fields\": {\n",
	"        \"title\": \"['title']\", \"text\": { \"template\": \"{d}: "
	"{r}\", "
	"\"with\": { \"d\": \"date\", \"r\": \"reflection\" } } } }\n"
	"    ]\n"
	"  }\n"
	"}\n",
	NULL
};

static l2e_ctx *ctx;
static l2e_mapping *map;
static char mapping_text[8192];
static int is_debug; /* L2E_FUZZ_DEBUG=1: print what happens */

static void setup(void)
{
	l2e_ctx_options opts = L2E_CTX_OPTIONS_INIT;
	const char *codelists = getenv("L2E_FUZZ_CODELISTS");
	const l2e_error *e;

	size_t i, len = 0, n;

	if (map)
		return;
	for (i = 0; mapping_parts[i]; i++) {
		n = strlen(mapping_parts[i]);
		if (len + n >= sizeof(mapping_text))
			abort(); /* make mapping_text larger */
		memcpy(mapping_text + len, mapping_parts[i], n);
		len += n;
	}
	is_debug = getenv("L2E_FUZZ_DEBUG") != NULL;
	opts.document_time = 1751526900; /* fixed: runs repeat exactly */
	if (l2e_global_init() < 0 || l2e_ctx_new(&ctx, &opts) < 0) {
		fprintf(stderr, "fuzz_json_input: cannot set up\n");
		abort();
	}
	if (l2e_mapping_load_memory(
	        &map, ctx, "fuzz_json_input.c", mapping_text, len,
	        codelists ? codelists : L2E_FUZZ_CODELISTS) < 0) {
		e = l2e_ctx_error(ctx);
		fprintf(stderr,
		        "fuzz_json_input: the built-in mapping does not "
		        "load: %s:%u:%u: %s\n",
		        e && e->file ? e->file : "", e ? e->line : 0,
		        e ? e->column : 0, e ? e->message : "?");
		abort();
	}
}

static void check_error(const char *where)
{
	const l2e_error *e = l2e_ctx_error(ctx);

	if (!e)
		return;
	if (is_debug)
		fprintf(stderr, "%s: %u:%u: %s\n", where, e->line, e->column,
		        e->message);
	fuzz_check_private_str(where, e->message);
	fuzz_check_private_str(where, e->field);
	fuzz_check_private_str(where, e->rule);
}

static void check_dossier(const l2e_dossier *d)
{
	const l2e_diag *g;
	size_t i, n = l2e_dossier_diag_count(d);

	if (is_debug)
		fprintf(stderr, "dossier %s: status %d, %zu findings\n",
		        l2e_dossier_file_stem(d) ? l2e_dossier_file_stem(d)
		                                 : "-",
		        (int)l2e_dossier_status_get(d), n);

	fuzz_check_private_str("the dossier key", l2e_dossier_key(d));
	fuzz_check_private_str("the file name", l2e_dossier_file_stem(d));
	for (i = 0; i < n; i++) {
		g = l2e_dossier_diag(d, i);
		if (!g || !g->message)
			fuzz_fail("a finding without a message", "the dossier",
			          NULL, 0);
		if (is_debug)
			fprintf(stderr, "  %u:%u: %s [%s]\n", g->line,
			        g->column, g->message,
			        g->field ? g->field : "");
		fuzz_check_private_str("a finding", g->message);
		fuzz_check_private_str("a finding's field", g->field);
		fuzz_check_private_str("a finding's rule", g->rule);
	}
	if (l2e_dossier_diag(d, n) != NULL)
		fuzz_fail("a finding past the end", "the dossier", NULL, 0);
}

/*
 * A format of several documents per dossier (EDC): each one on its own
 * is a document to check; l2e_dossier_write gives them one after the
 * other, which is no single JSON value.
 */
static void write_parts(const l2e_dossier *d, l2e_format f)
{
	size_t i, n = l2e_dossier_document_count(d, f);

	for (i = 0; i < n; i++) {
		l2e_buf doc = L2E_BUF_INIT, name = L2E_BUF_INIT;
		const l2e_error *e;

		if (l2e_dossier_write_document(&doc, &name, ctx, d, f, i) < 0) {
			e = l2e_ctx_error(ctx);
			fuzz_fail("a credential could not be written",
			          l2e_format_name(f), e ? e->message : NULL,
			          e ? strlen(e->message) : 0);
		}
		fuzz_check_document(l2e_format_extension(f), doc.ptr, doc.len);
		fuzz_check_document(NULL, name.ptr, name.len);
		l2e_buf_dispose(&doc);
		l2e_buf_dispose(&name);
	}
}

static void write_all(const l2e_dossier *d)
{
	l2e_format f;
	int is_ok = l2e_dossier_status_get(d) == L2E_DOSSIER_OK;

	for (f = (l2e_format)1; l2e_format_name(f); f = (l2e_format)(f + 1)) {
		l2e_buf doc = L2E_BUF_INIT;
		int rc;

		if (l2e_format_has_parts(f)) {
			if (is_ok)
				write_parts(d, f);
			continue;
		}
		rc = l2e_dossier_write(&doc, ctx, d, f);

		if (is_ok && rc < 0) {
			const l2e_error *e = l2e_ctx_error(ctx);

			check_error("a write error");
			fuzz_fail("a converted dossier could not be written",
			          l2e_format_name(f), e ? e->message : NULL,
			          e ? strlen(e->message) : 0);
		}
		if (!is_ok && rc >= 0)
			fuzz_fail(
			    "a dossier that was not converted was written",
			    l2e_format_name(f), doc.ptr, doc.len);
		if (rc >= 0)
			fuzz_check_document(l2e_format_extension(f), doc.ptr,
			                    doc.len);
		else
			check_error("a write error");
		l2e_buf_dispose(&doc);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	int rc;

	setup();
	rc = l2e_input_open_memory(&in, ctx, map, "fuzz.json",
	                           (const char *)data, size);
	if (rc < 0) {
		check_error("an open error");
		return 0;
	}
	for (;;) {
		rc = l2e_input_next(&d, in);
		if (rc < 0) {
			check_error("a read error");
			break;
		}
		if (!d)
			break;
		check_dossier(d);
		write_all(d);
		l2e_dossier_free(d);
		d = NULL;
	}
	l2e_input_free(in);
	return 0;
}
