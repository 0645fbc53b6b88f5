/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_and_validate.c - lob2europass embedded in a C program.
 *
 * Converts the dossiers of one export with a mapping file to Europass
 * v3.4 XML on standard output and validates each document with the
 * library's built-in checks (and the official schemas, when a schema
 * folder is given):
 *
 *     convert_and_validate MAPPING EXPORT [SCHEMA_DIR]
 *
 * Build it against an installed lob2europass:
 *
 *     cc convert_and_validate.c $(pkg-config --cflags --libs lob2europass)
 *
 * or with CMake: find_package(lob2europass) and link
 * lob2europass::lob2europass. Exit status: 0 when every dossier
 * converted to a valid document, 1 otherwise, 2 on usage or set-up errors.
 */
#include <stdio.h>

#include <lob2europass/lob2europass.h>

/* Print the context's last error as "what: message". */
static int fail(l2e_ctx *ctx, const char *what)
{
	const l2e_error *e = l2e_ctx_error(ctx);

	fprintf(stderr, "%s: %s\n", what, e && e->message ? e->message : "?");
	return 2;
}

/*
 * One dossier: write it as Europass XML to standard output and validate
 * it. 1 valid, 0 not converted or invalid, -1 skipped on purpose (no
 * consent).
 */
static int convert_one(l2e_ctx *ctx, l2e_validator *val, l2e_dossier *d,
                       int number)
{
	l2e_buf doc = L2E_BUF_INIT;
	l2e_report *report = NULL;
	int verdict = 0;

	if (l2e_dossier_status_get(d) == L2E_DOSSIER_SKIPPED)
		return -1;
	if (l2e_dossier_status_get(d) == L2E_DOSSIER_OK &&
	    l2e_dossier_write(&doc, ctx, d, L2E_FORMAT_EUROPASS_XML) == 0 &&
	    l2e_validate_memory(&report, val, "document.xml", doc.ptr,
	                        doc.len) == 0) {
		verdict = l2e_report_is_valid(report);
		fputs(doc.ptr, stdout);
		fprintf(stderr, "dossier %d: %s (%zu findings)\n", number,
		        verdict ? "valid" : "invalid",
		        l2e_report_count(report));
	}
	l2e_report_free(report);
	l2e_buf_dispose(&doc);
	return verdict;
}

int main(int argc, char **argv)
{
	l2e_validate_options vopts = L2E_VALIDATE_OPTIONS_INIT;
	l2e_ctx *ctx = NULL;
	l2e_mapping *map = NULL;
	l2e_input *in = NULL;
	l2e_validator *val = NULL;
	l2e_dossier *d = NULL;
	int rc = 2, all_valid = 1, n = 0, error, verdict;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s MAPPING EXPORT [SCHEMA_DIR]\n",
		        argv[0]);
		return 2;
	}
	vopts.schema_dir = argc == 4 ? argv[3] : NULL;
	if (l2e_global_init() != 0 || l2e_ctx_new(&ctx, NULL) != 0) {
		fprintf(stderr, "lob2europass %s: cannot start\n",
		        l2e_version());
		return 2;
	}
	if (l2e_mapping_load(&map, ctx, argv[1]) != 0) {
		rc = fail(ctx, argv[1]);
		goto done;
	}
	if (l2e_validator_new(&val, ctx, &vopts) != 0) {
		rc = fail(ctx, "validator");
		goto done;
	}
	if (l2e_input_open(&in, ctx, map, argv[2]) != 0) {
		rc = fail(ctx, argv[2]);
		goto done;
	}
	while ((error = l2e_input_next(&d, in)) != 0 || d) {
		if (error == L2E_EPARSE || error == L2E_ELIMIT) {
			fail(ctx, argv[2]); /* one broken document: go on */
			all_valid = 0;
			continue;
		}
		if (error) {
			rc = fail(ctx, argv[2]);
			goto done;
		}
		verdict = convert_one(ctx, val, d, n + 1);
		if (verdict >= 0) { /* not skipped on purpose */
			n++;
			all_valid &= verdict;
		}
		l2e_dossier_free(d);
	}
	rc = all_valid && n > 0 ? 0 : 1;
done:
	l2e_input_free(in);
	l2e_validator_free(val);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	l2e_global_cleanup();
	return rc;
}
