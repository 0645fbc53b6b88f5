/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * commands.c - the table of subcommands (see commands.h).
 */
#include "commands.h"
#include "i18n.h"

#include <stddef.h>

static int completion(int argc, char **argv);

const cli_cmd cli_cmds[] = {
	{ "convert", cmd_convert, "convert",
	  N_("convert exports to Europass documents"), &convert_command, NULL },
	{ "mapping", cmd_mapping, "mapping check|list|init ...",
	  N_("check mapping files (and their coverage of an export);\n"
	     "'mapping list' lists the mappings found by name;\n"
	     "'mapping init' drafts one from an export"),
	  &mapping_check_command, NULL },
	{ "validate", cmd_validate, "validate FILE...",
	  N_("check Europass documents (schemas and built-in checks)"),
	  &validate_command, NULL },
	{ "verify", cmd_verify, "verify DIR",
	  N_("check the documents of a batch against DIR/SHA256SUMS\n"
	     "(and its signature)"),
	  &verify_command, NULL },
	{ "overview", cmd_overview, "overview -m MAPPING INPUT...",
	  N_("count work abroad by programme, destinations and language\n"
	     "levels (an HTML page, CSV, JSON; never a person)"),
	  &overview_command, NULL },
	{ "schemas", cmd_schemas, "schemas install|status",
	  N_("install the official Europass schemas (checked against\n"
	     "pinned SHA-256 sums), or say what is installed"),
	  &schemas_command, "install status" },
	{ "upgrade", cmd_upgrade, "upgrade FILE...",
	  "make old Europass documents (v1.0 to v3.3) into v3.4",
	  &upgrade_command, NULL },
	{ "extract", cmd_extract, "extract FILE.pdf...",
	  "take the Europass XML out of a Europass PDF", &extract_command,
	  NULL },
	{ "explain", cmd_explain, "explain -m MAPPING --key STUDENT INPUT...",
	  N_("show where each value of one student's dossier came from"),
	  &explain_command, NULL },
	{ "completion", completion, "completion SHELL",
	  N_("print the bash or zsh completion script"), NULL, "bash zsh" },
	{ NULL, NULL, NULL, NULL, NULL, NULL }
};

/* The completion scripts are made from this very table. */
static int completion(int argc, char **argv)
{
	return cmd_completion(cli_cmds, argc, argv);
}
