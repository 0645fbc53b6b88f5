/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_verify.c - lob2europass verify: are the documents of a batch still
 * the ones it wrote (DIR/SHA256SUMS), and did the key holder sign that
 * list (DIR/SHA256SUMS.sig)?
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "manifest.h"
#include "i18n.h"
#include "opts.h"
#include "util/alloc.h"
#include "util/read_file.h"

/* A list of a million documents is well under this. */
#define MAX_MANIFEST_BYTES  ((size_t)256 << 20)
#define MAX_SIGNATURE_BYTES ((size_t)64 << 10)

enum { OPT_PUBKEY, OPT_QUIET, OPT_HELP };

static const cli_opt options[] = {
	[OPT_PUBKEY] = { "pubkey", 'k', "KEY.pem",
	                 N_("also check DIR/SHA256SUMS.sig with this public "
	                    "key (Ed25519 or RSA)") },
	[OPT_QUIET] = { "quiet", 'q', NULL,
	                N_("print only what does not match") },
	[OPT_HELP] = CLI_OPT_HELP,
	CLI_OPT_END
};

const cli_command verify_command = {
	.name = "verify",
	.options = options,
	.intro =
	    N_("Usage: lob2europass verify [--pubkey KEY.pem] DIR\n"
	       "\n"
	       "Check every document listed in DIR/SHA256SUMS, which "
	       "'lob2europass\n"
	       "convert' writes into its output folder, against its SHA-256; "
	       "with\n"
	       "--pubkey also the signature DIR/SHA256SUMS.sig (made when "
	       "convert had\n"
	       "a signing key). Prints one line per document: NAME: OK, NAME: "
	       "FAILED\n"
	       "(changed) or NAME: MISSING.\n"
	       "\n"
	       "Options:\n"),
	.extra = NULL,
	.outro =
	    N_("\n"
	       "Exit status: 0 every document matches (and the signature, "
	       "with\n"
	       "--pubkey), 1 something does not match or is missing, 2 usage, "
	       "3 the\n"
	       "list, the signature or the key cannot be read.\n"),
};

/* The whole of a small file; NULL after a message. */
static char *slurp(const char *path, size_t max, size_t *len)
{
	char *data;

	switch (l2e__read_file(path, max, &data, len)) {
	case L2E_READ_OK: return data;
	case L2E_READ_NOT_FOUND:
	case L2E_READ_CANNOT_OPEN:
		fprintf(stderr, "lob2europass: %s: %s\n", path,
		        strerror(errno));
		return NULL;
	case L2E_READ_TOO_BIG:
		fprintf(stderr, "lob2europass: %s: too large\n", path);
		return NULL;
	case L2E_READ_IS_DIR:
	case L2E_READ_IO:
	case L2E_READ_NO_MEMORY: break;
	}
	fprintf(stderr, "lob2europass: %s: cannot read\n", path);
	return NULL;
}

/* A name a batch could have written: a plain file name in DIR. */
static int is_plain_name(const char *s)
{
	return *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/');
}

/*
 * One line "HASH  NAME" (or "HASH *NAME"): *name points into `line`,
 * which is cut at the name's end. 0, or -1 when malformed.
 */
static int parse_line(char *line, const char **hash, const char **name)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)line[i]))
			return -1;
	if (line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
		return -1;
	line[64] = '\0';
	for (i = 0; i < 64; i++)
		line[i] = (char)tolower((unsigned char)line[i]);
	*hash = line;
	*name = line + 66;
	return is_plain_name(*name) ? 0 : -1;
}

static int check_files(l2e_ctx *ctx, const char *dir, char *list, size_t len,
                       int is_quiet)
{
	char path[4096], sha[L2E_SHA256_HEX_SIZE], *line = list, *nl;
	const char *hash, *name;
	size_t n_ok = 0, n_bad = 0, line_no = 0;
	int error;

	while (line < list + len) {
		line_no++;
		nl = memchr(line, '\n', (size_t)(list + len - line));
		if (nl)
			*nl = '\0';
		if (parse_line(line, &hash, &name) < 0) {
			printf("%s/%s:%zu: not a line \"SHA256  NAME\"\n", dir,
			       MANIFEST_NAME, line_no);
			n_bad++;
		} else if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
		           (int)sizeof(path)) {
			printf("%s: FAILED (name too long)\n", name);
			n_bad++;
		} else if ((error = l2e_sha256_file_hex(sha, ctx, path)) < 0) {
			printf("%s: %s\n", name,
			       error == L2E_ENOTFOUND ? "MISSING"
			                              : "FAILED (cannot read)");
			n_bad++;
		} else if (strcmp(sha, hash)) {
			printf("%s: FAILED (changed)\n", name);
			n_bad++;
		} else {
			if (!is_quiet)
				printf("%s: OK\n", name);
			n_ok++;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	if (!is_quiet || n_bad)
		fprintf(stderr,
		        "lob2europass: %zu document%s match, %zu do%s not\n",
		        n_ok, n_ok == 1 ? "" : "s", n_bad,
		        n_bad == 1 ? "es" : "");
	return n_bad ? EXIT_REJECTED : EXIT_OK;
}

static int check_signature(l2e_ctx *ctx, const char *dir, const char *pubkey,
                           const char *list, size_t len)
{
	char path[4096];
	size_t sig_len;
	char *sig;
	int error;

	snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_SIG_NAME);
	if (!(sig = slurp(path, MAX_SIGNATURE_BYTES, &sig_len)))
		return EXIT_REJECTED; /* no signature where one is expected */
	error = l2e_signature_verify(ctx, pubkey, list, len, sig, sig_len);
	l2e__free(sig);
	if (error == L2E_ECRYPTO) {
		printf("%s: FAILED (the signature does not match %s and this "
		       "key)\n",
		       MANIFEST_SIG_NAME, MANIFEST_NAME);
		return EXIT_REJECTED;
	}
	if (error < 0) {
		cli_print_error(ctx);
		return EXIT_INPUT;
	}
	printf("%s: OK (%s)\n", MANIFEST_SIG_NAME, pubkey);
	return EXIT_OK;
}

int cmd_verify(int argc, char **argv)
{
	char path[4096];
	const char *dir, *pubkey;
	l2e_ctx *ctx = NULL;
	char *list = NULL;
	cli_args args;
	size_t len;
	int rc, sig_rc = EXIT_OK;
	FILE *f;

	if ((rc = cli_start(&args, argc, argv, &verify_command)) >= 0)
		goto done;
	rc = EXIT_USAGE;
	if (args.n_positional != 1) {
		fputs(_("lob2europass verify: give one output folder\n"
		        "Try 'lob2europass verify --help'.\n"),
		      stderr);
		goto done;
	}
	dir = args.positional[0];
	pubkey = args.values[OPT_PUBKEY];
	if (l2e_ctx_new(&ctx, NULL) < 0) {
		rc = EXIT_INTERNAL;
		goto done;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_NAME);
	if (!(list = slurp(path, MAX_MANIFEST_BYTES, &len))) {
		rc = EXIT_INPUT;
		goto done;
	}
	if (pubkey) {
		sig_rc = check_signature(ctx, dir, pubkey, list, len);
		if (sig_rc == EXIT_INPUT) {
			rc = sig_rc;
			goto done;
		}
	} else {
		snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_SIG_NAME);
		if ((f = fopen(path, "rb"))) {
			fclose(f);
			fprintf(stderr,
			        "lob2europass: %s not checked: give --pubkey "
			        "KEY.pem\n",
			        MANIFEST_SIG_NAME);
		}
	}
	rc = check_files(ctx, dir, list, len, args.values[OPT_QUIET] != NULL);
	if (sig_rc > rc)
		rc = sig_rc;
done:
	l2e__free(list);
	l2e_ctx_free(ctx);
	cli_args_dispose(&args);
	return rc;
}
