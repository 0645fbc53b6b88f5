/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alloc_fail.c - allocation failure at every allocation of a conversion.
 *
 * SQLite's do_faultsim_test -faults oom*: convert an export once to learn
 * the documents it gives, then again with the 1st allocation failing,
 * then the 2nd, ... until a run no longer reaches the failing one. Every
 * run must either end in L2E_ENOMEM (from the call that ran out) or give
 * exactly the documents, verdicts and findings of the clean run: nothing
 * may be dropped silently. With --cjson or --libxml2, any error with a
 * message also passes (see below). Leaks and bad frees on the error
 * paths are for the sanitizer build (scripts/test.sh sanitize), which
 * runs this.
 *
 *   fault_alloc [--cjson] [--libxml2] [--persistent] [--trace KEY]
 *               MAPPING INPUT
 *
 * --cjson and --libxml2 route cJSON's and libxml2's allocations through
 * the same failing allocator (cJSON_InitHooks, xmlMemSetup); without
 * them only the library's own allocations fail. --persistent makes
 * every allocation after the nth fail too. Needs a build with
 * -DL2E_FAULT_INJECTION=ON. --trace KEY traces the dossier KEY as
 * `explain` does: a trace that runs out of memory says so itself
 * (l2e_trace_error) and must never change the documents.
 *
 * CTest runs the library's own allocations and --cjson. libxml2 2.9.14
 * is not safe when its allocations fail (a NULL dereference in
 * xmlParseDocument; xmlTextWriterStartElement drops the result of
 * xmlLinkListPushFront and leaks): --libxml2 is for a libxml2 that is,
 * run by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <libxml/xmlmemory.h>

#include "util/alloc.h"
#include "lob2europass/lob2europass.h"

/* ==== libxml2 and cJSON through the failing allocator ==== */

static void *hook_malloc(size_t n)
{
	return l2e__fault_next() ? NULL : malloc(n);
}

static void *hook_realloc(void *p, size_t n)
{
	return l2e__fault_next() ? NULL : realloc(p, n);
}

static char *hook_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = hook_malloc(n);

	return p ? memcpy(p, s, n) : NULL;
}

/* ==== One conversion ==== */

static const char *trace_key; /* --trace KEY; NULL: no trace */

typedef struct outcome {
	int rc;         /* 0, or the first error */
	const char *at; /* the call that returned it */
	char message[160];
	/* every document and verdict, in order; plain malloc, so that the
	 * failures injected are never the harness's own */
	char *docs;
	size_t len;
	size_t n_dossiers;
} outcome;

static void append(outcome *o, const char *data, size_t len)
{
	char *grown = realloc(o->docs, o->len + len + 1);

	if (!grown) {
		fputs("the test itself is out of memory\n", stderr);
		abort();
	}
	memcpy(grown + o->len, data, len);
	o->docs = grown;
	o->len += len;
	o->docs[o->len] = '\0';
}

static int fail_with(outcome *o, int rc, const char *at)
{
	o->rc = rc;
	o->at = at;
	return rc;
}

static int convert(outcome *o, const char *mapping, const char *input)
{
	static const l2e_format formats[] = { L2E_FORMAT_EUROPASS_XML,
		                              L2E_FORMAT_EUROPASS_JSON,
		                              L2E_FORMAT_EUROPASS_CV };
	l2e_ctx_options opts = L2E_CTX_OPTIONS_INIT;
	l2e_ctx *ctx = NULL;
	l2e_mapping *map = NULL;
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	l2e_trace *trace = NULL;
	l2e_buf doc = L2E_BUF_INIT;
	char line[128];
	size_t i;
	int rc;

	opts.document_time = 1700000000; /* identical runs */
	if ((rc = l2e_ctx_new(&ctx, &opts)) < 0)
		return fail_with(o, rc, "l2e_ctx_new");
	if ((rc = l2e_mapping_load(&map, ctx, mapping)) < 0) {
		fail_with(o, rc, "l2e_mapping_load");
		goto done;
	}
	if ((rc = l2e_input_open(&in, ctx, map, input)) < 0) {
		fail_with(o, rc, "l2e_input_open");
		goto done;
	}
	if (trace_key && (rc = l2e_trace_new(&trace, trace_key)) < 0) {
		fail_with(o, rc, "l2e_trace_new");
		goto done;
	}
	l2e_input_trace(in, trace);
	for (;;) {
		if ((rc = l2e_input_next(&d, in)) < 0) {
			fail_with(o, rc, "l2e_input_next");
			goto done;
		}
		if (!d)
			break;
		o->n_dossiers++;
		snprintf(line, sizeof(line), "== %s status %d\n",
		         l2e_dossier_file_stem(d),
		         (int)l2e_dossier_status_get(d));
		append(o, line, strlen(line));
		/* the findings count as much as the documents */
		for (i = 0; i < l2e_dossier_diag_count(d); i++) {
			const l2e_diag *g = l2e_dossier_diag(d, i);

			snprintf(line, sizeof(line), "%d %u:%u ", g->severity,
			         g->line, g->column);
			append(o, line, strlen(line));
			append(o, g->message, strlen(g->message));
			if (g->field)
				append(o, g->field, strlen(g->field));
			append(o, "\n", 1);
		}
		for (i = 0; l2e_dossier_status_get(d) == L2E_DOSSIER_OK &&
		            i < sizeof(formats) / sizeof(formats[0]);
		     i++) {
			if ((rc = l2e_dossier_write(&doc, ctx, d, formats[i])) <
			    0) {
				fail_with(o, rc, "l2e_dossier_write");
				goto done;
			}
			append(o, doc.ptr, doc.len);
			l2e_buf_dispose(&doc);
		}
		l2e_dossier_free(d);
		d = NULL;
	}
done:
	if (o->rc && l2e_ctx_error(ctx))
		snprintf(o->message, sizeof(o->message), "%s",
		         l2e_ctx_error(ctx)->message);
	l2e_buf_dispose(&doc);
	l2e_dossier_free(d);
	l2e_input_free(in);
	l2e_trace_free(trace);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	return o->rc;
}

/* L2E_FAULT_DUMP=DIR: write both runs' documents there, to compare. */
static void dump(unsigned long n, const outcome *clean, const outcome *run)
{
	const char *dir = getenv("L2E_FAULT_DUMP");
	char path[4096];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/clean.out", dir);
	if ((f = fopen(path, "wb"))) {
		fwrite(clean->docs, 1, clean->len, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/%lu.out", dir, n);
	if ((f = fopen(path, "wb"))) {
		fwrite(run->docs ? run->docs : "", 1, run->len, f);
		fclose(f);
	}
}

int main(int argc, char **argv)
{
	const char *mapping, *input, *env = getenv("L2E_FAULT_MAX_REPORTS");
	int max_failures = env ? atoi(env) : 20;
	int is_cjson = 0, is_libxml2 = 0, is_persistent = 0, failures = 0;
	int i = 1, has_fired;
	unsigned long n, n_enomem = 0, n_same = 0, n_other = 0;
	outcome clean, run;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--cjson"))
			is_cjson = 1;
		else if (!strcmp(argv[i], "--libxml2"))
			is_libxml2 = 1;
		else if (!strcmp(argv[i], "--persistent"))
			is_persistent = 1;
		else if (!strcmp(argv[i], "--trace") && i + 1 < argc)
			trace_key = argv[++i];
	}
	if (argc - i != 2) {
		fputs("usage: fault_alloc [--cjson] [--libxml2] [--persistent] "
		      "[--trace KEY] MAPPING "
		      "INPUT\n",
		      stderr);
		return 2;
	}
	mapping = argv[i];
	input = argv[i + 1];
	if (is_cjson) {
		cJSON_Hooks hooks = { hook_malloc, free };

		cJSON_InitHooks(&hooks);
	}
	if (is_libxml2 &&
	    xmlMemSetup(free, hook_malloc, hook_realloc, hook_strdup))
		return 2;
	l2e_global_init();

	memset(&clean, 0, sizeof(clean));
	if (convert(&clean, mapping, input) < 0 || !clean.n_dossiers) {
		fprintf(stderr, "the clean run fails (%d at %s)\n", clean.rc,
		        clean.at);
		return 1;
	}
	/* L2E_FAULT_ONLY=N: run allocation N alone (for a debugger) */
	for (n = getenv("L2E_FAULT_ONLY")
	             ? strtoul(getenv("L2E_FAULT_ONLY"), NULL, 10)
	             : 1;
	     ; n++) {
		memset(&run, 0, sizeof(run));
		l2e__fault_set(n, is_persistent);
		convert(&run, mapping, input);
		has_fired = l2e__fault_fired();
		l2e__fault_set(0, 0);
		if (!has_fired) {
			free(run.docs);
			break; /* the run needs fewer than n allocations */
		}
		if (run.rc == L2E_ENOMEM) {
			n_enomem++;
		} else if (run.rc < 0 && (is_cjson || is_libxml2) &&
		           run.message[0]) {
			/*
			 * libxml2 and cJSON do not always say that they ran
			 * out: cJSON returns NULL as for a syntax error,
			 * libxml2 may report a failed encoding conversion.
			 * Such an error is clean enough; a crash, a leak or a
			 * silently different result is not.
			 */
			n_other++;
		} else if (run.rc < 0) {
			fprintf(stderr,
			        "allocation %lu: %s returned %d (%s: %s), "
			        "not L2E_ENOMEM\n",
			        n, run.at, run.rc, l2e_strerror(run.rc),
			        run.message);
			failures++;
		} else if (run.len != clean.len ||
		           memcmp(run.docs, clean.docs, clean.len) != 0) {
			fprintf(stderr,
			        "allocation %lu failed, the run succeeded, "
			        "but its documents or findings differ from the "
			        "clean run's: something was dropped silently\n",
			        n);
			dump(n, &clean, &run);
			failures++;
		} else {
			n_same++; /* the failure was absorbed (a retry) */
		}
		free(run.docs);
		if (failures >= max_failures || getenv("L2E_FAULT_ONLY"))
			break;
	}
	printf("%lu allocation points (%s%s): %lu ended in L2E_ENOMEM, "
	       "%lu in another error, %lu gave the same documents, %d "
	       "wrong\n",
	       n - 1,
	       is_libxml2 ? (is_cjson ? "library, cJSON and libxml2"
	                              : "library and libxml2")
	       : is_cjson ? "library and cJSON"
	                  : "library",
	       is_persistent ? ", persistent" : "", n_enomem, n_other, n_same,
	       failures);
	free(clean.docs);
	l2e_global_cleanup();
	return failures ? 1 : 0;
}
