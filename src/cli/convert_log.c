/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_log.c - what lob2europass convert says on standard error:
 * findings as FILE:LINE:COL: severity: text, or one JSON object a line
 * (--log-format json), the findings held back by the cap and their
 * likely cause (convert_cap.c counts them), and the totals at the end
 * (see cmd_convert.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_convert.h"
#include "json_line.h"
#include "i18n.h"

void convert_log(const convert_run *r, const char *level, const batch_diag *d,
                 const char *dossier)
{
	json_line l = JSON_LINE_INIT;

	if (!r->o->is_json_log) {
		cli_print_place(stderr, d->file, d->line, d->column);
		fprintf(stderr, ": %s: %s", level, d->message);
		if (dossier)
			fprintf(stderr, " (dossier %s)", dossier);
		fputc('\n', stderr);
		return;
	}
	json_line_raw(&l, "{\"level\":");
	json_line_str(&l, level);
	json_line_opt_str(&l, "message", d->message);
	json_line_opt_str(&l, "file", d->file);
	json_line_opt_uint(&l, "line", d->line);
	json_line_opt_uint(&l, "column", d->column);
	json_line_opt_str(&l, "field", d->field);
	json_line_opt_str(&l, "dossier", dossier);
	json_line_raw(&l, "}");
	if (!l.is_failed)
		fprintf(stderr, "%s\n", l.ptr);
	json_line_dispose(&l);
}

void convert_say(convert_run *r, const char *level, const char *file,
                 const char *fmt, ...)
{
	char text[2048];
	batch_diag d;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	progress_clear(&r->progress);
	if (!r->o->is_json_log) {
		fprintf(stderr, "lob2europass: %s%s%s\n", file ? file : "",
		        file ? ": " : "", text);
		return;
	}
	memset(&d, 0, sizeof(d));
	d.message = text;
	d.file = (char *)file;
	convert_log(r, level, &d, NULL);
}

void convert_log_findings(const convert_run *r, const batch_result *res)
{
	size_t i;

	for (i = 0; i < res->n_diags; i++) {
		const batch_diag *d = &res->diags[i];
		int is_error = d->severity == L2E_SEVERITY_ERROR;

		if (r->o->is_quiet && !is_error)
			continue;
		if (r->cap && !convert_cap_admit(r->cap, res, d))
			continue;
		convert_log(r, is_error ? "error" : "warning", d, res->stem);
	}
	if (r->cap)
		convert_cap_result(r->cap, res);
}

/* 1463 as "1,463": counts read at a glance. */
static const char *grouped(char *buf, size_t size, size_t n)
{
	char digits[32];
	size_t len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

void convert_log_repeats(convert_run *r)
{
	const char *input, *example;
	char n1[32], n2[32];
	size_t i = 0, n, all;

	while (convert_cap_hidden(r->cap, &i, &n, &input, &example))
		convert_say(r, "info", NULL, "… %s more like this in %s: %s",
		            grouped(n1, sizeof(n1), n), input, example);
	/* most dossiers of an input failing one way: the wrong mapping? */
	i = 0;
	while (convert_cap_likely(r->cap, &i, &n, &all, &input, &example))
		convert_say(r, "error", input,
		            "%s of %s dossiers fail the same way (%s): is "
		            "mapping '%s' the right one for this input? "
		            "('lob2europass mapping list' shows the mappings)",
		            grouped(n1, sizeof(n1), n),
		            grouped(n2, sizeof(n2), all), example,
		            r->mapping_name ? r->mapping_name : "?");
}

void convert_log_summary(const convert_run *r)
{
	if (r->o->is_quiet)
		return;
	if (r->o->is_json_log) {
		fprintf(stderr,
		        "{\"level\":\"info\",\"message\":\"done\","
		        "\"converted\":%zu,\"unchanged\":%zu,\"skipped\":%zu,"
		        "\"rejected\":%zu,\"errors\":%zu",
		        r->t.converted, r->t.unchanged, r->t.skipped,
		        r->t.rejected, r->t.errors);
		if (r->t.has_removed)
			fprintf(stderr, ",\"removed\":%zu", r->t.removed);
		fputs("}\n", stderr);
		return;
	}
	fprintf(stderr, _("lob2europass: %zu converted, "), r->t.converted);
	if (r->t.unchanged)
		fprintf(stderr, _("%zu unchanged, "), r->t.unchanged);
	fprintf(stderr, _("%zu skipped, %zu rejected"), r->t.skipped,
	        r->t.rejected);
	if (r->t.errors)
		fprintf(stderr, _(", %zu failed (errors above)"), r->t.errors);
	if (r->t.has_removed)
		fprintf(stderr, _(", %zu removed"), r->t.removed);
	fputc('\n', stderr);
}
