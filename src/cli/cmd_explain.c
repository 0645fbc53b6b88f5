/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_explain.c - lob2europass explain: for the one student whose key is
 * given, every profile field with its source place, the raw value, each
 * step and the result (lob2europass/explain.h does the tracing; this
 * file reads the inputs and prints the trace as text or JSON).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "json_line.h"
#include "mapping_path.h"
#include "opts.h"

#include <lob2europass/explain.h>

enum { OPT_MAPPING, OPT_MAPPINGS_DIR, OPT_KEY, OPT_FORMAT, OPT_HELP };

static const cli_opt options[] = {
	[OPT_MAPPING] = { "mapping", 'm', "MAPPING",
	                  N_("the mapping file, or the name of an installed "
	                     "mapping (as for convert)") },
	[OPT_MAPPINGS_DIR] = { "mappings-dir", 0, "DIR",
	                       N_("look for a mapping name in DIR first") },
	[OPT_KEY] = { "key", 0, "STUDENT",
	              N_("the dossier key (student number) of the student "
	                 "to explain") },
	[OPT_FORMAT] = { "format", 'f', "text|json",
	                 N_("the explanation as text (default) or as one "
	                    "JSON document") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command explain_command = {
	.name = "explain",
	.options = options,
	.intro =
	    N_("Usage: lob2europass explain -m MAPPING --key STUDENT "
	       "[--format json] INPUT...\n"
	       "\n"
	       "Show, for one student, where each value of the dossier came "
	       "from: per\n"
	       "profile field the rule, the place in the export "
	       "(file:line:col and the\n"
	       "path in the document), the value as read, every step it went "
	       "through\n"
	       "(code list, value map, date pattern, CEFR rounding, opt-in, "
	       "privacy,\n"
	       "merge) and the result. National identifiers read "
	       "[verwijderd] here too.\n"
	       "INPUT is read as convert reads it.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro = N_("\n"
	            "Exit status: 0 explained, 2 usage, 3 an input could not "
	            "be read or\n"
	            "holds no student with that key, 4 the mapping is "
	            "invalid.\n"),
};

typedef struct run {
	l2e_trace *trace;
	const char *key;
	l2e_dossier *dossier; /* the key's first dossier; NULL: none */
} run;

/* Keep the key's first dossier; the others are not asked about. */
static int take(l2e_dossier *d, void *payload)
{
	run *r = payload;
	const char *key = l2e_dossier_key(d);

	if (!r->dossier && key && !strcmp(key, r->key))
		r->dossier = d;
	else
		l2e_dossier_free(d);
	return 0;
}

static const char *status_name(l2e_dossier_status s)
{
	switch (s) {
	case L2E_DOSSIER_OK: return "converted";
	case L2E_DOSSIER_SKIPPED: return "skipped";
	default: return "rejected";
	}
}

static const char *status_text(l2e_dossier_status s)
{
	switch (s) {
	case L2E_DOSSIER_OK: return _("converted");
	case L2E_DOSSIER_SKIPPED: return _("skipped");
	default: return _("rejected");
	}
}

/* ==== Text ==== */

/* Where the field goes in a Europass v3.4 XML document. */
static void print_elements(FILE *f, const l2e_trace_field *tf)
{
	l2e_buf paths = L2E_BUF_INIT;
	const char *p, *end;

	if (l2e_europass_v3_elements(&paths, tf->section, tf->field) == 0 &&
	    paths.ptr)
		for (p = paths.ptr; *p; p = *end ? end + 1 : end) {
			end = strchr(p, '\n');
			if (!end)
				end = p + strlen(p);
			fprintf(f, "  %-9s %.*s\n", _("element"),
			        (int)(end - p), p);
		}
	l2e_buf_dispose(&paths);
}

static void print_field(FILE *f, const l2e_trace_field *tf, int is_merged)
{
	size_t i;

	fprintf(f, "\n%s", tf->section);
	if (tf->is_list)
		fprintf(f, "[%zu]", tf->item);
	fprintf(f, ".%s", tf->field);
	if (is_merged)
		fprintf(f, _("  (record %zu)"), tf->record);
	fputc('\n', f);
	fprintf(f, "  %-9s ", _("rule"));
	cli_print_place(f, tf->rule_file, tf->rule_line, tf->rule_column);
	fputc('\n', f);
	if (tf->raw) {
		fprintf(f, "  %-9s ", _("source"));
		cli_print_place(f, tf->file, tf->line, tf->column);
		fprintf(f, "  %s\n", tf->path ? tf->path : "");
		fprintf(f, "  %-9s \"%s\"\n", _("raw"), tf->raw);
	}
	for (i = 0; i < tf->n_steps; i++) {
		const l2e_trace_step *s = &tf->steps[i];

		fprintf(f, "  %-9s %s", s->kind, s->detail);
		if (s->value)
			fprintf(f, " -> \"%s\"", s->value);
		fputc('\n', f);
	}
	if (tf->result)
		fprintf(f, "  %-9s \"%s\"%s\n", _("result"), tf->result,
		        tf->is_kept ? "" : _(" (not in the dossier)"));
	else
		fprintf(f, "  %-9s %s\n", _("result"), _("(no value)"));
	if (tf->result && tf->is_kept)
		print_elements(f, tf);
}

static void print_text(FILE *f, const run *r)
{
	size_t i, n = l2e_trace_count(r->trace);
	size_t n_records = l2e_trace_records(r->trace);
	const l2e_dossier *d = r->dossier;

	fprintf(f,
	        P_("Student %s: %zu record, %s\n",
	           "Student %s: %zu records, %s\n", n_records),
	        r->key, n_records,
	        d ? status_text(l2e_dossier_status_get(d)) : _("no dossier"));
	for (i = 0; i < n; i++)
		print_field(f, l2e_trace_field_at(r->trace, i), n_records > 1);
	n = d ? l2e_dossier_diag_count(d) : 0;
	if (n)
		fprintf(f, "\n%s\n", _("Findings:"));
	for (i = 0; i < n; i++) {
		const l2e_diag *g = l2e_dossier_diag(d, i);

		fputs("  ", f);
		cli_print_place(f, g->file, g->line, g->column);
		fprintf(f, ": %s\n", g->message);
	}
}

/* ==== JSON ==== */

static void json_place(json_line *l, const char *name, const char *file,
                       unsigned line, unsigned column, const char *path)
{
	json_line_raw(l, ",\"");
	json_line_raw(l, name);
	json_line_raw(l, "\":{\"file\":");
	json_line_str(l, file);
	json_line_opt_uint(l, "line", line);
	json_line_opt_uint(l, "column", column);
	json_line_opt_str(l, "path", path);
	json_line_raw(l, "}");
}

static void json_field(json_line *l, const l2e_trace_field *tf)
{
	l2e_buf paths = L2E_BUF_INIT;
	const char *p, *end;
	char num[32];
	size_t i;

	json_line_raw(l, "{\"section\":");
	json_line_str(l, tf->section);
	json_line_opt_str(l, "field", tf->field);
	snprintf(num, sizeof(num), ",\"item\":%zu,\"record\":%zu", tf->item,
	         tf->record);
	json_line_raw(l, num);
	json_line_raw(l, tf->is_list ? ",\"list\":true" : ",\"list\":false");
	json_place(l, "rule", tf->rule_file, tf->rule_line, tf->rule_column,
	           NULL);
	if (tf->raw)
		json_place(l, "source", tf->file, tf->line, tf->column,
		           tf->path);
	json_line_opt_str(l, "raw", tf->raw);
	json_line_raw(l, ",\"steps\":[");
	for (i = 0; i < tf->n_steps; i++) {
		json_line_raw(l, i ? ",{\"kind\":" : "{\"kind\":");
		json_line_str(l, tf->steps[i].kind);
		json_line_opt_str(l, "detail", tf->steps[i].detail);
		json_line_opt_str(l, "value", tf->steps[i].value);
		json_line_raw(l, "}");
	}
	json_line_raw(l, "],\"result\":");
	json_line_str(l, tf->result);
	json_line_raw(l, ",\"elements\":[");
	if (l2e_europass_v3_elements(&paths, tf->section, tf->field) == 0 &&
	    paths.ptr)
		for (p = paths.ptr; *p; p = *end ? end + 1 : end) {
			end = strchr(p, '\n');
			if (!end)
				end = p + strlen(p);
			if (p != paths.ptr)
				json_line_raw(l, ",");
			json_line_string(l, p, (size_t)(end - p));
		}
	json_line_raw(l, "]");
	l2e_buf_dispose(&paths);
	json_line_raw(l, tf->is_kept ? ",\"kept\":true}" : ",\"kept\":false}");
}

static int print_json(FILE *f, const run *r)
{
	json_line l = JSON_LINE_INIT;
	const l2e_dossier *d = r->dossier;
	size_t i, n = l2e_trace_count(r->trace);
	char num[32];
	int error;

	json_line_raw(&l, "{\"key\":");
	json_line_str(&l, r->key);
	snprintf(num, sizeof(num), ",\"records\":%zu",
	         l2e_trace_records(r->trace));
	json_line_raw(&l, num);
	json_line_raw(&l, ",\"status\":");
	json_line_str(&l, d ? status_name(l2e_dossier_status_get(d)) : NULL);
	json_line_raw(&l, ",\"fields\":[");
	for (i = 0; i < n; i++) {
		if (i)
			json_line_raw(&l, ",");
		json_field(&l, l2e_trace_field_at(r->trace, i));
	}
	json_line_raw(&l, "],\"findings\":[");
	n = d ? l2e_dossier_diag_count(d) : 0;
	for (i = 0; i < n; i++) {
		const l2e_diag *g = l2e_dossier_diag(d, i);

		json_line_raw(&l, i ? ",{\"severity\":" : "{\"severity\":");
		json_line_str(&l, g->severity == L2E_SEVERITY_ERROR
		                      ? "error"
		                      : "warning");
		json_line_opt_str(&l, "file", g->file);
		json_line_opt_uint(&l, "line", g->line);
		json_line_opt_uint(&l, "column", g->column);
		json_line_opt_str(&l, "message", g->message);
		json_line_raw(&l, "}");
	}
	json_line_raw(&l, "]}\n");
	error = l.is_failed ? -1 : 0;
	if (!error)
		fwrite(l.ptr, 1, l.len, f);
	json_line_dispose(&l);
	return error;
}

/* ==== The command ==== */

int cmd_explain(int argc, char **argv)
{
	l2e_mapping *map = NULL;
	l2e_ctx *ctx = NULL;
	const char *format;
	run r = { NULL, NULL, NULL };
	cli_reading rd;
	cli_args args;
	int rc, i, as_json = 0;

	if ((rc = cli_start(&args, argc, argv, &explain_command)) >= 0)
		goto done;
	rc = EXIT_USAGE;
	format = args.values[OPT_FORMAT];
	if (!args.values[OPT_MAPPING] || !args.values[OPT_KEY] ||
	    !args.n_positional) {
		fputs(_("lob2europass explain: give a mapping (-m), a key "
		        "(--key) and at least one input\n"
		        "Try 'lob2europass explain --help'.\n"),
		      stderr);
		goto done;
	}
	if (format && strcmp(format, "text") && strcmp(format, "json")) {
		fputs(_("lob2europass explain: --format is text or json\n"),
		      stderr);
		goto done;
	}
	as_json = format && !strcmp(format, "json");
	rc = EXIT_INTERNAL;
	if (l2e_ctx_new(&ctx, NULL) < 0 ||
	    l2e_trace_new(&r.trace, args.values[OPT_KEY]) < 0)
		goto done;
	if ((rc = mapping_open(&map, ctx, "lob2europass explain",
	                       args.values[OPT_MAPPING],
	                       args.values[OPT_MAPPINGS_DIR])) != 0)
		goto done;
	r.key = args.values[OPT_KEY];
	rd.ctx = ctx;
	rd.map = map;
	rd.trace = r.trace;
	rd.take = take;
	rd.payload = &r;
	rc = EXIT_OK;
	for (i = 0; i < args.n_positional; i++) {
		int v = cli_read_dossiers(&rd, args.positional[i]);

		if (v > rc)
			rc = v;
	}
	if (rc != EXIT_OK)
		goto done;
	if (!l2e_trace_records(r.trace)) {
		/* the key is not quoted: it might be a national identifier */
		fputs(_("lob2europass explain: no student with that key in "
		        "the input; the key is the student number the "
		        "mapping's \"dossier.key\" reads\n"),
		      stderr);
		rc = EXIT_INPUT;
		goto done;
	}
	if (l2e_trace_error(r.trace))
		fprintf(
		    stderr,
		    _("lob2europass explain: the trace is incomplete (%s)\n"),
		    l2e_strerror(l2e_trace_error(r.trace)));
	if (as_json && print_json(stdout, &r) < 0)
		rc = EXIT_INTERNAL;
	else if (!as_json)
		print_text(stdout, &r);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("lob2europass: standard output");
		rc = EXIT_IO;
	}
done:
	l2e_dossier_free(r.dossier);
	l2e_trace_free(r.trace);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
