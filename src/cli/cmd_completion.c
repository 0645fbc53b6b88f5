/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cmd_completion.c - lob2europass completion bash|zsh: the shell
 * completion script, made from the same tables as --help (commands.c
 * and each command's options), so that it can never lag behind them.
 * The build installs both scripts; `completion` prints them for a
 * system without the package. The table is given (commands.c passes
 * it), as the table names this command: read from here, the two files
 * would call each other.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "lob2europass/lob2europass.h"

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

/* What an option's value is, from its metavariable. */
typedef enum value_kind {
	VALUE_NONE,    /* a flag, or a value no list can offer (N, URL) */
	VALUE_FILE,    /* FILE, EXPORT, KEY.pem */
	VALUE_DIR,     /* DIR, DIR|- */
	VALUE_MAPPING, /* a file, or an installed mapping's name */
	VALUE_FORMATS, /* FORMAT[,FORMAT...] */
	VALUE_CHOICE   /* a|b: the words themselves */
} value_kind;

static value_kind value_of(const cli_opt *o)
{
	if (!o->arg)
		return VALUE_NONE;
	if (!strcmp(o->long_name, "mapping"))
		return VALUE_MAPPING;
	if (strstr(o->arg, "FORMAT"))
		return VALUE_FORMATS;
	if (strstr(o->arg, "DIR"))
		return VALUE_DIR;
	if (strstr(o->arg, "FILE") || strstr(o->arg, "EXPORT") ||
	    strstr(o->arg, ".pem"))
		return VALUE_FILE;
	if (strchr(o->arg, '|'))
		return VALUE_CHOICE;
	return VALUE_NONE;
}

/* The options' words, each as "--long" and "-s". */
static void put_option_words(FILE *f, const cli_opt *spec)
{
	const cli_opt *o;

	for (o = spec; o->long_name; o++) {
		fprintf(f, " --%s", o->long_name);
		if (o->short_name)
			fprintf(f, " -%c", o->short_name);
	}
}

static void put_formats(FILE *f, const char *sep)
{
	int i;

	for (i = 1; l2e_format_name((l2e_format)i); i++)
		fprintf(f, "%s%s", i > 1 ? sep : "",
		        l2e_format_name((l2e_format)i));
}

/* A metavariable "a|b" as "a b" */
static void put_choices(FILE *f, const char *arg)
{
	for (; *arg; arg++)
		fputc(*arg == '|' ? ' ' : *arg, f);
}

static void bash_values(FILE *f, const cli_cmd *cmds)
{
	const cli_cmd *c;
	const cli_opt *o;
	value_kind k;

	/* a|b choices differ option by option: they come after */
	for (k = VALUE_FILE; k < VALUE_CHOICE; k++) {
		int n = 0;

		for (c = cmds; c->name; c++)
			for (o = c->spec ? c->spec->options : NULL;
			     o && o->long_name; o++) {
				if (value_of(o) != k)
					continue;
				fprintf(f, "%s--%s", n++ ? "|" : "\t\t",
				        o->long_name);
				if (o->short_name)
					fprintf(f, "|-%c", o->short_name);
			}
		if (!n)
			continue;
		fputs(")\n\t\t\t", f);
		switch (k) {
		case VALUE_FILE: fputs("_filedir", f); break;
		case VALUE_DIR: fputs("_filedir -d", f); break;
		case VALUE_MAPPING:
			fputs("_filedir\n\t\t\tCOMPREPLY+=($(compgen -W "
			      "\"$(cd " L2E_DATADIR "/mappings 2>/dev/null && "
			      "ls *.json 2>/dev/null | sed 's/\\.json$//')\" "
			      "-- \"$cur\"))",
			      f);
			break;
		case VALUE_FORMATS:
			fputs("COMPREPLY=($(compgen -W \"", f);
			put_formats(f, " ");
			fputs("\" -- \"$cur\"))", f);
			break;
		default: break;
		}
		fputs("\n\t\t\treturn ;;\n", f);
	}
	/* a|b choices: each option its own words */
	for (c = cmds; c->name; c++)
		for (o = c->spec ? c->spec->options : NULL; o && o->long_name;
		     o++) {
			if (value_of(o) != VALUE_CHOICE)
				continue;
			fprintf(f, "\t\t--%s", o->long_name);
			if (o->short_name)
				fprintf(f, "|-%c", o->short_name);
			fputs(")\n\t\t\tCOMPREPLY=($(compgen -W \"", f);
			put_choices(f, o->arg);
			fputs("\" -- \"$cur\"))\n\t\t\treturn ;;\n", f);
		}
}

/* The words after `lob2europass`: the commands, help, the options. */
static void bash_commands(FILE *f, const cli_cmd *cmds)
{
	const cli_cmd *c;

	for (c = cmds; c->name; c++)
		fprintf(f, "%s ", c->name);
	fputs("help --help --version", f);
}

/* Per command, the words it takes: its options, or its fixed words. */
static void bash_options(FILE *f, const cli_cmd *cmds)
{
	const cli_cmd *c;

	for (c = cmds; c->name; c++) {
		fprintf(f, "\t%s) opts=\"", c->name);
		if (c->spec)
			put_option_words(f, c->spec->options);
		if (c->words) /* its argument is one of these words */
			fprintf(f, " %s\"; fixed=1", c->words);
		else
			fputc('"', f);
		fputs(" ;;\n", f);
	}
}

static void bash_values_all(FILE *f, const cli_cmd *cmds)
{
	bash_values(f, cmds);
}

/* Help text as a zsh _arguments description: no ], :, ' or newline. */
static void zsh_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(strchr("]:'\n[", *s) ? ' ' : *s, f);
}

static void zsh_action(FILE *f, const cli_opt *o)
{
	switch (value_of(o)) {
	case VALUE_NONE: fputs(o->arg ? ":value: " : "", f); break;
	case VALUE_FILE: fputs(":file:_files", f); break;
	case VALUE_DIR: fputs(":folder:_files -/", f); break;
	case VALUE_MAPPING:
		fputs(":mapping:{_files; _files -W " L2E_DATADIR
		      "/mappings -g \"*.json(:r)\"}",
		      f);
		break;
	case VALUE_FORMATS:
		fputs(":formats:_values -s , format ", f);
		put_formats(f, " ");
		break;
	case VALUE_CHOICE:
		fputs(":value:(", f);
		put_choices(f, o->arg);
		fputc(')', f);
		break;
	}
}

static void zsh_commands(FILE *f, const cli_cmd *cmds)
{
	const cli_cmd *c;

	for (c = cmds; c->name; c++) {
		fprintf(f, "\t\t'%s:", c->name);
		zsh_text(f, c->summary);
		fputs("'\n", f);
	}
}

/* Per command, an _arguments call with a spec per option. */
static void zsh_options(FILE *f, const cli_cmd *cmds)
{
	const cli_cmd *c;
	const cli_opt *o;

	for (c = cmds; c->name; c++) {
		fprintf(f, "\t%s)\n\t\t_arguments -s \\\n", c->name);
		for (o = c->spec ? c->spec->options : NULL; o && o->long_name;
		     o++) {
			fputs("\t\t\t'", f);
			if (o->short_name)
				fprintf(f, "(-%c --%s)'{-%c,--%s}'",
				        o->short_name, o->long_name,
				        o->short_name, o->long_name);
			else
				fprintf(f, "--%s", o->long_name);
			fputc('[', f);
			zsh_text(f, o->help);
			fputc(']', f);
			zsh_action(f, o);
			fputs("' \\\n", f);
		}
		if (c->words)
			fprintf(f, "\t\t\t'1:%s:(%s)' \\\n", c->name, c->words);
		fputs("\t\t\t'*:file:_files' ;;\n", f);
	}
}

/*
 * The scripts as text, each @NAME@ filled in from the tables; the text
 * is the script a person reads, the tables say what it offers.
 */
static const char bash_template[] =
    "# bash completion for lob2europass\n"
    "# (made by `lob2europass completion bash` from its option tables)\n"
    "_lob2europass()\n"
    "{\n"
    "\tlocal cur prev words cword\n"
    "\t_init_completion || return\n"
    "\tif [ \"$cword\" -eq 1 ]; then\n"
    "\t\tCOMPREPLY=($(compgen -W \"@COMMANDS@\" -- \"$cur\"))\n"
    "\t\treturn\n"
    "\tfi\n"
    "\tcase $prev in\n"
    "@VALUES@"
    "\tesac\n"
    "\tlocal opts= fixed=\n"
    "\tcase ${words[1]} in\n"
    "@OPTIONS@"
    "\tesac\n"
    "\tif [[ $cur == -* || -n $fixed ]]; then\n"
    "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
    "\telse\n"
    "\t\t_filedir\n"
    "\tfi\n"
    "}\n"
    "complete -F _lob2europass lob2europass\n";

static const char zsh_template[] =
    "#compdef lob2europass\n"
    "# zsh completion for lob2europass\n"
    "# (made by `lob2europass completion zsh` from its option tables)\n"
    "_lob2europass() {\n"
    "\tlocal -a commands\n"
    "\tcommands=(\n"
    "@COMMANDS@"
    "\t)\n"
    "\tif (( CURRENT == 2 )); then\n"
    "\t\t_describe command commands\n"
    "\t\treturn\n"
    "\tfi\n"
    "\tcase $words[2] in\n"
    "@OPTIONS@"
    "\tesac\n"
    "}\n"
    "_lob2europass \"$@\"\n";

typedef struct shell {
	const char *name;
	const char *template;
	void (*commands)(FILE *f, const cli_cmd *cmds);
	void (*options)(FILE *f, const cli_cmd *cmds);
	/* NULL: the options say it */
	void (*values)(FILE *f, const cli_cmd *cmds);
} shell;

static const shell shells[] = {
	{ "bash", bash_template, bash_commands, bash_options, bash_values_all },
	{ "zsh", zsh_template, zsh_commands, zsh_options, NULL },
};

/* The shell's template with every @NAME@ filled in. */
static void put_script(FILE *f, const shell *sh, const cli_cmd *cmds)
{
	const char *p = sh->template, *at;

	while ((at = strchr(p, '@'))) {
		fwrite(p, 1, (size_t)(at - p), f);
		if (!strncmp(at, "@COMMANDS@", 10))
			sh->commands(f, cmds);
		else if (!strncmp(at, "@OPTIONS@", 9))
			sh->options(f, cmds);
		else if (!strncmp(at, "@VALUES@", 8) && sh->values)
			sh->values(f, cmds);
		else {
			fputc('@', f); /* a plain "$@" of the script */
			p = at + 1;
			continue;
		}
		p = strchr(at + 1, '@') + 1;
	}
	fputs(p, f);
}

int cmd_completion(const cli_cmd *cmds, int argc, char **argv)
{
	size_t i;

	for (i = 0; argc == 2 && i < sizeof(shells) / sizeof(shells[0]); i++)
		if (!strcmp(argv[1], shells[i].name)) {
			put_script(stdout, &shells[i], cmds);
			return EXIT_OK;
		}
	if (argc == 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(
		    _("Usage: lob2europass completion bash|zsh\n"
		      "\n"
		      "Print the shell completion script for bash or zsh. The "
		      "package\ninstalls both; without it:\n"
		      "  lob2europass completion bash > "
		      "~/.local/share/bash-completion/completions/"
		      "lob2europass\n"),
		    stdout);
		return EXIT_OK;
	}
	fputs(_("lob2europass completion: give the shell, bash or zsh\n"
	        "Try 'lob2europass completion --help'.\n"),
	      stderr);
	return EXIT_USAGE;
}
