/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opts.c - table-driven option parsing (see opts.h).
 */
#include "opts.h"
#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "util/parse_int.h"

static int find_long(const cli_opt *spec, const char *name, size_t len)
{
	int i;

	for (i = 0; spec[i].long_name; i++)
		if (strlen(spec[i].long_name) == len &&
		    strncmp(spec[i].long_name, name, len) == 0)
			return i;
	return -1;
}

static int find_short(const cli_opt *spec, char c)
{
	int i;

	for (i = 0; spec[i].long_name; i++)
		if (spec[i].short_name && spec[i].short_name == c)
			return i;
	return -1;
}

static int usage(const char *command, const char *what, const char *arg)
{
	cli_err(_("lob2europass %s: %s '%s'\n"
	          "Try 'lob2europass %s --help'.\n"),
	        command, _(what), arg, command);
	return -1;
}

/* An unknown --option: the closest one in the table, if one is close. */
static int unknown_long(const char *command, const cli_opt *spec,
                        const char *arg, size_t len)
{
	char word[128];
	const char *best;
	suggest s;
	int i;

	if (len >= sizeof(word))
		return usage(command, "unknown option", arg);
	memcpy(word, arg + 2, len);
	word[len] = '\0';
	suggest_start(&s, word);
	for (i = 0; spec[i].long_name; i++)
		suggest_add(&s, spec[i].long_name, (size_t)-1);
	if (!(best = suggest_best(&s)))
		return usage(command, "unknown option", arg);
	cli_err("lob2europass %s: unknown option '%s'; did you mean '--%s'?\n"
	        "Try 'lob2europass %s --help'.\n",
	        command, arg, best, command);
	return -1;
}

int cli_parse(cli_args *out, int argc, char **argv, const cli_opt *spec,
              const char *command, char **positional)
{
	int i, k, only_positional = 0;

	memset(out, 0, sizeof(*out));
	out->positional = positional;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_positional || a[0] != '-' || strcmp(a, "-") == 0) {
			positional[out->n_positional++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_positional = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			k = find_long(spec, a + 2, len);
			if (k < 0)
				return unknown_long(command, spec, a, len);
			if (!spec[k].arg) {
				if (eq)
					return usage(
					    command,
					    N_("option takes no value"), a);
				out->values[k] = "1";
			} else if (eq) {
				out->values[k] = eq + 1;
			} else if (i + 1 < argc) {
				out->values[k] = argv[++i];
			} else {
				return usage(command,
				             N_("option needs a value"), a);
			}
			continue;
		}
		/* short options: -q, -o DIR, -oDIR */
		k = find_short(spec, a[1]);
		if (k < 0)
			return usage(command, N_("unknown option"), a);
		if (!spec[k].arg) {
			if (a[2])
				return usage(command, N_("unknown option"), a);
			out->values[k] = "1";
		} else if (a[2]) {
			out->values[k] = a + 2;
		} else if (i + 1 < argc) {
			out->values[k] = argv[++i];
		} else {
			return usage(command, N_("option needs a value"), a);
		}
	}
	return 0;
}

int cli_start(cli_args *out, int argc, char **argv, const cli_command *cmd)
{
	const cli_opt *spec = cmd->options;
	char **positional = calloc((size_t)argc + 1, sizeof(*positional));
	int i;

	memset(out, 0, sizeof(*out));
	if (!positional)
		return EXIT_INTERNAL;
	/* on failure too out->positional is set, for cli_args_dispose */
	if (cli_parse(out, argc, argv, spec, cmd->name, positional) < 0)
		return EXIT_USAGE;
	for (i = 0; spec[i].long_name; i++)
		if (!strcmp(spec[i].long_name, "help") && out->values[i]) {
			cli_print_help(cmd);
			return EXIT_OK;
		}
	return -1;
}

void cli_args_dispose(cli_args *args)
{
	free(args->positional);
	memset(args, 0, sizeof(*args));
}

int cli_number(const char *s, long min, long max, long *out)
{
	while (isspace((unsigned char)*s))
		s++;
	return l2e__parse_long(s, (size_t)-1, min, max, out) == 0 ? 0 : -1;
}

/* A table's text in the user's language ("" stays "": gettext would
 * give the catalog's header). */
static const char *tr(const char *s)
{
	return s && *s ? _(s) : s;
}

/* The columns of `len` bytes of UTF-8: continuation bytes take none. */
static int columns(const char *s, int len)
{
	int i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Print `text` starting at column `indent`, wrapping at `width`. */
static void print_wrapped(FILE *f, const char *text, int indent, int width)
{
	int col = indent, at_start = 1;
	const char *word = text, *end;

	while (*word) {
		int len, cols;

		end = strchr(word, ' ');
		len = end ? (int)(end - word) : (int)strlen(word);
		cols = columns(word, len);
		if (!at_start && col + 1 + cols > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			at_start = 1;
		}
		fprintf(f, "%s%.*s", at_start ? "" : " ", len, word);
		col += cols + (at_start ? 0 : 1);
		at_start = 0;
		word += len;
		while (*word == ' ')
			word++;
	}
	fputc('\n', f);
}

void cli_print_options(FILE *f, const cli_opt *spec)
{
	char left[64];
	int i;

	for (i = 0; spec[i].long_name; i++) {
		if (spec[i].short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
			         spec[i].short_name, spec[i].long_name,
			         spec[i].arg ? " " : "",
			         spec[i].arg ? spec[i].arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s",
			         spec[i].long_name, spec[i].arg ? " " : "",
			         spec[i].arg ? spec[i].arg : "");
		fprintf(f, "  %-24s  ", left);
		print_wrapped(f, tr(spec[i].help), 28, 79);
	}
}

void cli_print_help(const cli_command *cmd)
{
	fputs(tr(cmd->intro), stdout);
	cli_print_options(stdout, cmd->options);
	if (cmd->extra)
		cmd->extra(stdout);
	fputs(tr(cmd->outro), stdout);
}
