/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_convert.c - lob2europass convert: exports in, Europass documents
 * out. The run itself: the mapping, the output folder and its lock, the
 * inputs fed to the parallel pipeline (batch.c), and the end of the run.
 * Options are read in convert_options.c, each dossier is taken in by
 * convert_sinks.c (see cmd_convert.h for the whole map).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "cmd_convert.h"
#include "i18n.h"
#include "mapping_path.h"
#include "output.h"

static int state_unchanged(const char *stem, const char *fingerprint,
                           void *payload)
{
	return state_is_unchanged(payload, stem, fingerprint);
}

/*
 * --dry-run: the folder as it is, nothing made or changed in it. The
 * lock is taken only when its file is there (a run is or was at work),
 * so that the plan is not read from a folder being written.
 */
static int dry_lock(convert_run *r, int *lock_fd)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/.lob2europass.lock", r->o->out_dir);
	*lock_fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (*lock_fd >= 0 && flock(*lock_fd, LOCK_SH | LOCK_NB) != 0) {
		cli_err("lob2europass: %s is in use by another lob2europass "
		        "run; try again when it has finished\n",
		        r->o->out_dir);
		return EXIT_LOCKED;
	}
	return 0;
}

static int prepare_out_dir(convert_run *r, int *lock_fd)
{
	static const char *exts[BATCH_MAX_FORMATS];
	char formats[256] = "", why[256];
	size_t i, len = 0;
	int rc;

	if (r->o->dry_run) {
		if ((rc = dry_lock(r, lock_fd)) != 0)
			return rc;
	} else if (output_prepare_dir(r->o->out_dir, why) < 0) {
		cli_err("lob2europass: --out: %s\n", why);
		return EXIT_IO;
	} else {
		*lock_fd = output_lock(r->o->out_dir);
	}
	if (*lock_fd == -2) {
		cli_err("lob2europass: %s is in use by another lob2europass "
		        "run (its lock file is %s/.lob2europass.lock); try "
		        "again when it has finished\n",
		        r->o->out_dir, r->o->out_dir);
		return EXIT_LOCKED;
	}
	if (*lock_fd < 0 && !r->o->dry_run) {
		cli_err("lob2europass: %s: cannot lock: %s\n", r->o->out_dir,
		        strerror(errno));
		return EXIT_IO;
	}
	if (!r->o->dry_run)
		output_clean_stale(r->o->out_dir);
	for (i = 0; i < r->o->n_formats; i++) {
		exts[i] = l2e_format_extension(r->o->formats[i]);
		len += (size_t)snprintf(formats + len, sizeof(formats) - len,
		                        "%s%s", i ? "," : "",
		                        l2e_format_name(r->o->formats[i]));
	}
	if (state_load(&r->state, r->o->out_dir, formats, exts,
	               r->o->n_formats) < 0)
		return EXIT_INTERNAL;
	r->has_state = 1;
	if ((rc = convert_prune_open(r)) != 0)
		return rc;
	if (r->o->dry_run)
		return 0;
	if (output_writer_open(&r->writer, r->o->out_dir, why) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		return EXIT_IO;
	}
	return 0;
}

static int open_zip(convert_run *r)
{
	char why[256];
	int rc = zip_out_open(&r->zip, r->o->out_dir, r->o->document_time, why);

	if (rc == -2)
		fprintf(stderr,
		        "lob2europass: %s: another lob2europass run writes an "
		        "archive in this folder; try again when it has "
		        "finished\n",
		        r->o->out_dir);
	else if (rc < 0)
		fprintf(stderr, "lob2europass: %s\n", why);
	return rc == -2 ? EXIT_LOCKED : rc < 0 ? EXIT_IO : 0;
}

/* SHA256SUMS into the archive, and the archive in place. */
static int finish_zip(convert_run *r)
{
	char why[256];

	if (zip_out_failed(r->zip)) /* said when it failed */
		return EXIT_IO;
	if (zip_out_finish(r->zip, &r->manifest, why) < 0) {
		fprintf(stderr, "lob2europass: %s\n", why);
		return EXIT_IO;
	}
	return 0;
}

/*
 * SHA256SUMS, and with --prune what the run left behind: the owned
 * list first, SHA256SUMS, then the removals (see prune.h for why in
 * this order).
 */
static void seal_and_prune(convert_run *r)
{
	int rc;

	if (r->has_prune)
		convert_worsen(r, convert_prune_begin(r));
	rc = convert_seal_finish(r);
	convert_worsen(r, rc);
	if (r->has_prune && rc == 0)
		convert_worsen(r, convert_prune_finish(r));
}

static char stream_buffer[64 << 10];

int cmd_convert(int argc, char **argv)
{
	l2e_ctx_options opts = L2E_CTX_OPTIONS_INIT, bopts;
	l2e_mapping *map = NULL;
	l2e_net *net = NULL;
	l2e_ctx *ctx = NULL;
	char path_buf[4096], why[256];
	const char *map_path;
	batch_config cfg;
	report_config rcfg;
	convert_opts o;
	convert_run r;
	int i, lock_fd = -1, rc, is_nothing;

	memset(&r, 0, sizeof(r));
	r.o = &o;
	convert_meta_start(&r);
	if ((rc = convert_opts_parse(&o, argc, argv)) >= 0)
		goto out;
	r.t.has_removed = o.prune && !o.dry_run;
	opts.document_time = o.document_time;
	opts.allow_empty = o.allow_empty;
	rc = EXIT_OK;
	if (l2e_ctx_new(&ctx, &opts) < 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	if (!(map_path = mapping_find(o.mapping, o.mappings_dir, path_buf,
	                              sizeof(path_buf)))) {
		/* not "mapping invalid": a name that is not there, and
		 * where it was looked for */
		char *msg = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&msg, &len);

		if (m) {
			mapping_not_found(m, "lob2europass convert", o.mapping,
			                  o.mappings_dir);
			fclose(m);
		}
		cli_err("%s", msg ? msg : "lob2europass: mapping not found\n");
		free(msg);
		rc = EXIT_USAGE;
		goto out;
	}
	if (l2e_mapping_load(&map, ctx, map_path) < 0) {
		cli_print_error(ctx);
		rc = cli_exit_for(l2e_ctx_error(ctx)->code) == EXIT_IO
		         ? EXIT_IO
		         : EXIT_MAPPING;
		goto out;
	}
	r.ctx = ctx;
	r.mapping_name = l2e_mapping_name(map);
	if (convert_cap_new(&r.cap, o.max_repeats) < 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	if ((rc = convert_seal_prepare(&r, ctx)) != 0)
		goto out;
	for (i = 0; i < o.args.n_positional && !net; i++)
		if (l2e_is_url(o.args.positional[i]) &&
		    !(net = convert_net_new(ctx, &o.net, o.auth_file,
		                            "LOB2EUROPASS_AUTH"))) {
			/* bad credentials are a usage error; libcurl that
			 * cannot be opened, an input that cannot be fetched */
			rc = l2e_ctx_error(ctx)->code == L2E_ENET ? EXIT_INPUT
			                                          : EXIT_USAGE;
			goto out;
		}
	if (o.mode == OUT_DIR && (rc = prepare_out_dir(&r, &lock_fd)) != 0)
		goto out;
	if (o.mode == OUT_ZIP && (rc = open_zip(&r)) != 0)
		goto out;
	rcfg.json_path = o.report_json;
	rcfg.csv_path = o.report_csv;
	rcfg.html_path = o.report_html;
	rcfg.csv_excel_nl = o.csv_excel_nl;
	rcfg.mapping = l2e_mapping_name(map);
	rcfg.anonymous = o.report_anonymous;
	if (report_open(&r.report, &rcfg, why, sizeof(why)) < 0) {
		cli_err("lob2europass: %s\n", why);
		rc = EXIT_IO;
		goto out;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.map = map;
	bopts = *l2e_ctx_options_get(ctx);
	/* a fingerprint serves the state file and --skip-unchanged only:
	 * hashing every record was 4% of a conversion to standard output */
	bopts.skip_fingerprints = !r.has_state && !o.skip_unchanged;
	cfg.opts = &bopts;
	cfg.formats = o.formats;
	cfg.n_formats = o.n_formats;
	/* with --out DIR a thread of its own writes the files (output.c),
	 * and it is one of the N: the disk sets a folder's pace, and one
	 * converting thread more only takes a core from the writing one
	 * (benchmark, 2 cores: -j2 0.91-1.00x -j1 on ext4, 0.93x on tmpfs) */
	cfg.jobs = (int)o.jobs;
	if (r.writer && cfg.jobs > 1)
		cfg.jobs--;
	cfg.shard_k = o.shard_k;
	cfg.shard_n = o.shard_n;
	cfg.net = net;
	cfg.as_json_lines = o.mode == OUT_NDJSON;
	cfg.emit = convert_emit;
	cfg.payload = &r;
	if (o.skip_unchanged) {
		cfg.unchanged = state_unchanged;
		cfg.unchanged_payload = &r.state;
	}
	/* JSON Lines: a write(2) per 64 KiB, not two per document with
	 * stdio's 4 KiB (11 600 writes for 10 000 documents, on the main
	 * thread, which also splits and orders for the others). glibc
	 * takes the size only with a buffer; static, as stdout outlives
	 * this function (main flushes it). */
	if (o.mode == OUT_NDJSON)
		setvbuf(stdout, stream_buffer, _IOFBF, sizeof(stream_buffer));
	if (batch_start(&r.batch, &cfg) < 0) {
		cli_err("%s", "lob2europass: cannot start worker threads\n");
		rc = EXIT_INTERNAL;
		goto out;
	}
	progress_start(&r.progress,
	               !o.is_quiet && !o.no_progress && !o.is_json_log);
	convert_add_inputs(&r, ctx, map);
	batch_finish(r.batch);
	r.batch = NULL;
	if (r.writer) { /* every document on disk before SHA256SUMS */
		output_writer_finish(r.writer);
		convert_take_failures(&r);
	}
	progress_clear(&r.progress);
	convert_log_repeats(&r);

	is_nothing =
	    r.t.converted + r.t.unchanged + r.t.skipped + r.t.rejected == 0;
	if (r.rc == EXIT_OK && !o.allow_empty && is_nothing) {
		/* the export did not arrive: not a success to a nightly job */
		convert_say(&r, "error", NULL,
		            "no student records in the input: check that the "
		            "export arrived (--allow-empty accepts this)");
		convert_worsen(&r, EXIT_INPUT);
	}
	if (o.mode == OUT_ONE && r.n_pending > 1) {
		cli_err(_("lob2europass: %zu dossiers converted; standard "
		          "output takes one: use --out DIR or --out -\n"),
		        r.n_pending);
		convert_worsen(&r, EXIT_USAGE);
	} else if (o.mode == OUT_ONE && r.n_pending == 1) {
		fwrite(r.pending.ptr, 1, r.pending.len, stdout);
	}
	/* a run that read nothing leaves the folder as the last run left
	 * it: an empty SHA256SUMS would disown every document in it */
	is_nothing = is_nothing && !o.allow_empty;
	if (o.mode == OUT_DIR && !is_nothing && o.dry_run)
		convert_worsen(&r, convert_dry_finish(&r));
	else if (o.mode == OUT_DIR && !is_nothing)
		seal_and_prune(&r);
	if (o.mode == OUT_ZIP)
		convert_worsen(&r, finish_zip(&r));
	if (r.has_state && !is_nothing && !o.dry_run &&
	    state_save(&r.state) < 0) {
		cli_err("lob2europass: %s: cannot save the run state: "
		        "%s\n",
		        o.out_dir, strerror(errno));
		convert_worsen(&r, EXIT_IO);
	}
	r.t.exit_code = r.rc;
	if (r.report.json) {
		char *run = convert_meta_json(&r, map_path);

		report_set_run(&r.report, run);
		free(run);
	}
	if (report_close(&r.report, &r.t, why, sizeof(why)) < 0) {
		cli_err("lob2europass: %s\n", why);
		convert_worsen(&r, EXIT_IO);
	}
	convert_log_summary(&r);
	rc = r.rc;
out:
	if (r.batch)
		batch_finish(r.batch);
	if (report_is_open(&r.report))
		report_close(&r.report, &r.t, why, sizeof(why));
	output_writer_free(r.writer); /* before the lock goes */
	zip_out_free(r.zip);
	if (lock_fd >= 0)
		close(lock_fd);
	if (r.has_state)
		state_dispose(&r.state);
	if (r.has_prune)
		prune_dispose(&r.prune);
	l2e_buf_dispose(&r.pending);
	keyset_dispose(&r.names);
	convert_seal_dispose(&r);
	convert_cap_free(r.cap);
	l2e_net_free(net);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	convert_opts_dispose(&o);
	return rc;
}
