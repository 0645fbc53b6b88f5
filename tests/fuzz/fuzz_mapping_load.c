/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_mapping_load.c - the mapping loader, and what a loaded mapping
 * does with a fixed export.
 *
 * The input is a mapping file. It is loaded with code lists from
 * mappings/codelists (compiled in; L2E_FUZZ_CODELISTS in the environment
 * overrides it). A mapping that loads is run over a small fixed export
 * in the Koerskaart layout, and every converted dossier is written in
 * every format. A mapping that loads must run: every document must be
 * well-formed, and no document or file name may hold a national
 * identifier, whatever the mapping says (the export below is full of
 * them). Messages are not checked here: they may quote the mapping,
 * whose text the fuzzer chooses.
 *
 * Public API only.
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

/* Two students, one line each, then a third document (JSON Lines). */
static const char export_text[] =
    "{\"exportedAt\": \"2025-07-03T09:15:00+02:00\", \"source\": {\"system\": "
    "\"Koerskaart\"}, \"items\": [\n"
    " {\"primaryCode\": {\"codeType\": \"student_number\", \"code\": "
    "\"0204518\"}, \"otherCodes\": [{\"codeType\": "
    "\"national_identity_number\", \"code\": \"123456782\"}, {\"codeType\": "
    "\"x-onderwijsnummer\", \"code\": \"101222331\"}, {\"codeType\": "
    "\"x-eck-id\", \"code\": \"https://ketenid.nl/201703/6fc894a4c5310acf\"}], "
    "\"givenName\": \"Fenna\", \"surnamePrefix\": \"van der\", \"surname\": "
    "\"Testra\", \"dateOfBirth\": \"2006-02-14\", \"countryOfBirth\": \"NL\", "
    "\"mail\": \"fenna@voorbeeld.invalid\", \"phone number\": \"0612345678\", "
    "\"gender\": \"vrouw\", \"address\": {\"street\": \"Dorpsstraat 1\", "
    "\"postalCode\": \"1234 ab\", \"city\": \"Assen\", \"countryCode\": "
    "\"NL\"}, \"languageOfChoice\": [\"nl-NL\"], \"consent\": "
    "{\"europassExport\": true, \"includeBirthDate\": true}, \"profile\": "
    "{\"summary\": [{\"language\": \"nl-NL\", \"value\": \"Mijn BSN is "
    "123456782 en mijn ECK iD https://ketenid.nl/201703/abc.\"}]}, "
    "\"programmes\": [{\"name\": [{\"language\": \"nl-NL\", \"value\": "
    "\"Medewerker Voorbeeldtechniek\"}], \"otherCodes\": [{\"codeType\": "
    "\"programme_code\", \"code\": \"90001\"}], \"level\": "
    "\"secondary_vocational_education_3\", \"levelOfQualification\": "
    "\"eqf_3\", \"ext\": {\"leerweg\": \"BOL\", \"cohort\": \"2023-2024\"}, "
    "\"startDate\": \"2023-08-01\", \"endDate\": null, \"state\": "
    "\"active\", \"organisation\": {\"name\": \"ROC Zuiderlicht\", "
    "\"address\": {\"city\": \"Assen\", \"countryCode\": \"NL\"}}}], "
    "\"placements\": [{\"abroad\": true, \"programme\": "
    "\"erasmus_plus_ka121\", \"status\": \"definitive\", \"role\": "
    "\"Stagiair\", \"startDate\": \"2025-03\", \"endDate\": \"2025-06-30\", "
    "\"organisation\": {\"name\": \"Baeckerei Muenster\", "
    "\"sbbLeerbedrijfId\": "
    "\"100000001\", \"address\": {\"city\": \"Muenster\", \"countryCode\": "
    "\"de\"}}, \"tasks\": [{\"language\": \"nl-NL\", \"value\": \"Deeg "
    "maken; klantnummer 1234567820 en 222333443\"}]}], \"languages\": "
    "[{\"language\": \"nld\", \"motherTongue\": true}, {\"language\": "
    "\"eng\", \"levels\": {\"listening\": \"B1+\", \"reading\": \"B1\", "
    "\"spokenInteraction\": \"A2/B1\", \"spokenProduction\": \"2F\", "
    "\"writing\": \"ERK A2\"}, \"evidence\": [{\"type\": \"central_exam\", "
    "\"date\": \"2025-05\"}]}], \"digitalSkills\": [{\"label\": \"Office\", "
    "\"area\": \"content_creation\", \"level\": \"independent\"}], "
    "\"achievements\": [{\"title\": \"VCA\", \"code\": \"111222333\", "
    "\"awardingBody\": \"SSVV\", \"date\": \"2024-09\", \"url\": "
    "\"https://example.invalid/vca\"}], \"ext\": {\"lob\": {\"competences\": "
    "[{\"code\": \"KR\", \"studentText\": \"Ik ben 444555663 en "
    "precies.\"}]}}},\n"
    " {\"primaryCode\": {\"codeType\": \"student_number\", \"code\": "
    "\"0207762\"}, \"givenName\": \"Daan\", \"surname\": \"\", \"consent\": "
    "{\"europassExport\": false}}\n"
    "]}\n"
    "{\"primaryCode\": {\"codeType\": \"student_number\", \"code\": "
    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1234567820\"}, "
    "\"givenName\": \"Lotte\", \"surname\": \"Proef 101555666\", "
    "\"consent\": {\"europassExport\": true}}\n";

static l2e_ctx *ctx;
static const char *codelists;

static void setup(void)
{
	l2e_ctx_options opts = L2E_CTX_OPTIONS_INIT;

	if (ctx)
		return;
	opts.document_time = 1751526900; /* fixed: runs repeat exactly */
	if (l2e_global_init() < 0 || l2e_ctx_new(&ctx, &opts) < 0) {
		fprintf(stderr, "fuzz_mapping_load: cannot set up\n");
		abort();
	}
	codelists = getenv("L2E_FUZZ_CODELISTS");
	if (!codelists)
		codelists = L2E_FUZZ_CODELISTS;
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

	for (f = (l2e_format)1; l2e_format_name(f); f = (l2e_format)(f + 1)) {
		l2e_buf doc = L2E_BUF_INIT;
		const l2e_error *e;

		if (l2e_format_has_parts(f)) {
			write_parts(d, f);
			continue;
		}
		if (l2e_dossier_write(&doc, ctx, d, f) < 0) {
			e = l2e_ctx_error(ctx);
			fuzz_fail("a converted dossier could not be written",
			          l2e_format_name(f), e ? e->message : NULL,
			          e ? strlen(e->message) : 0);
		}
		fuzz_check_document(l2e_format_extension(f), doc.ptr, doc.len);
		l2e_buf_dispose(&doc);
	}
}

static void run(const l2e_mapping *map)
{
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;

	if (!l2e_mapping_name(map))
		fuzz_fail("a loaded mapping has no name", "the mapping", NULL,
		          0);
	if (l2e_input_open_memory(&in, ctx, map, "export.json", export_text,
	                          sizeof(export_text) - 1) < 0)
		return;
	while (l2e_input_next(&d, in) == 0 && d) {
		fuzz_check_private_str("the file name",
		                       l2e_dossier_file_stem(d));
		if (l2e_dossier_status_get(d) == L2E_DOSSIER_OK)
			write_all(d);
		l2e_dossier_free(d);
		d = NULL;
	}
	l2e_input_free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e_mapping *map = NULL;

	setup();
	if (l2e_mapping_load_memory(&map, ctx, "fuzz-mapping.json",
	                            (const char *)data, size, codelists) < 0) {
		if (!l2e_ctx_error(ctx))
			fuzz_fail("a failed load left no error", "the mapping",
			          NULL, 0);
		return 0;
	}
	run(map);
	l2e_mapping_free(map);
	return 0;
}
