/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_seal.c - what makes an output folder's documents checkable and
 * sent on: DIR/SHA256SUMS, its signature (--sign-key), --deliver, and the
 * credentials of the network clients (see cmd_convert.h).
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "cli.h"
#include "cmd_convert.h"
#include "i18n.h"

int convert_seal_prepare(convert_run *r, l2e_ctx *ctx)
{
	const convert_opts *o = r->o;
	l2e_net_options net = o->net;
	char why[512];
	auth a;
	int rc;

	if ((o->deliver_url || o->sign_key) && o->mode != OUT_DIR) {
		cli_err("lob2europass convert: --%s needs --out DIR (the "
		        "documents stay on disk)\n",
		        o->deliver_url ? "deliver" : "sign-key");
		return EXIT_USAGE;
	}
	if ((o->deliver_method || o->deliver_auth_file) && !o->deliver_url) {
		cli_err("%s", "lob2europass convert: --deliver-method and "
		              "--deliver-auth-file go with --deliver URL\n");
		return EXIT_USAGE;
	}
	if (o->sign_key &&
	    (rc = l2e_signer_load(&r->signer, ctx, o->sign_key)) < 0) {
		cli_print_error(ctx);
		return EXIT_USAGE;
	}
	if (!o->deliver_url)
		return 0;
	if (auth_load(&a, o->deliver_auth_file, "LOB2EUROPASS_DELIVER_AUTH",
	              why, sizeof(why)) < 0) {
		cli_err("lob2europass: %s\n", why);
		return EXIT_USAGE;
	}
	net.bearer_token = a.bearer_token;
	net.user = a.user;
	net.password = a.password;
	rc = deliver_open(&r->deliver, o->deliver_url,
	                  o->deliver_method ? o->deliver_method : "post", &net,
	                  why, sizeof(why));
	auth_dispose(&a);
	if (rc < 0) {
		cli_err("lob2europass convert: %s\n", why);
		return EXIT_USAGE;
	}
	if (o->prune && !deliver_has_addresses(&r->deliver)) {
		/* a DELETE on the one URL would take the whole inbox */
		cli_err("%s",
		        _("lob2europass convert: --prune with --deliver "
		          "needs an address per document: {file} in the "
		          "URL, or --deliver-method put with a URL ending "
		          "in /\n"));
		deliver_close(&r->deliver);
		return EXIT_USAGE;
	}
	if (o->dry_run) { /* checked, and nothing is sent */
		deliver_close(&r->deliver);
		return 0;
	}
	r->has_deliver = 1;
	return 0;
}

l2e_net *convert_net_new(l2e_ctx *ctx, const l2e_net_options *base,
                         const char *file, const char *env_name)
{
	l2e_net_options o = *base;
	l2e_net *net = NULL;
	char why[512];
	auth a;

	if (auth_load(&a, file, env_name, why, sizeof(why)) < 0) {
		cli_err("lob2europass: %s\n", why);
		return NULL;
	}
	o.bearer_token = a.bearer_token;
	o.user = a.user;
	o.password = a.password;
	if (l2e_net_new(&net, ctx, &o) < 0)
		cli_print_error(ctx);
	auth_dispose(&a); /* the client keeps its own copy */
	return net;
}

int convert_seal_document(convert_run *r, l2e_format fmt, const char *name,
                          const l2e_buf *doc, char *why, size_t why_size)
{
	char sha[L2E_SHA256_HEX_SIZE];

	if (l2e_sha256_hex(sha, r->ctx, doc->ptr, doc->len) < 0 ||
	    manifest_add(&r->manifest, name, sha) < 0) {
		snprintf(why, why_size, "%s: cannot note it in %s", name,
		         MANIFEST_NAME);
		return EXIT_INTERNAL;
	}
	if (r->has_deliver &&
	    deliver_document(&r->deliver, name, fmt, doc->ptr, doc->len, sha,
	                     why, why_size) < 0)
		return EXIT_REJECTED;
	return 0;
}

int convert_seal_unchanged(convert_run *r, const batch_result *res)
{
	char name[256], path[4096], sha[L2E_SHA256_HEX_SIZE];
	int rc = 0;
	size_t i;

	for (i = 0; r->o->mode == OUT_DIR && i < r->o->n_formats; i++) {
		snprintf(name, sizeof(name), "%s%s", res->stem,
		         l2e_format_extension(r->o->formats[i]));
		snprintf(path, sizeof(path), "%s/%s", r->o->out_dir, name);
		if (l2e_sha256_file_hex(sha, r->ctx, path) < 0 ||
		    manifest_add(&r->manifest, name, sha) < 0) {
			progress_clear(&r->progress);
			cli_err("lob2europass: %s: cannot note it in %s\n",
			        path, MANIFEST_NAME);
			rc = EXIT_IO;
		}
	}
	return rc;
}

int convert_seal_finish(convert_run *r)
{
	char why[256];

	if (manifest_write(&r->manifest, r->o->out_dir, r->signer, r->ctx,
	                   why) < 0) {
		cli_err("lob2europass: %s\n", why);
		return EXIT_IO;
	}
	return 0;
}

void convert_seal_dispose(convert_run *r)
{
	manifest_dispose(&r->manifest);
	if (r->has_deliver)
		deliver_close(&r->deliver);
	l2e_signer_free(r->signer);
	r->signer = NULL;
	r->has_deliver = 0;
}
