/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * commands.c - the table of subcommands (see commands.h).
 */
#include "commands.h"

#include <stddef.h>

const cli_cmd cli_cmds[] = {
	{ "convert", cmd_convert, "convert",
	  "convert exports to Europass documents", &convert_command, NULL },
	{ "mapping", cmd_mapping, "mapping check FILE...",
	  "check mapping files (and their coverage of an export);\n"
	  "'mapping list' lists the mappings found by name",
	  &mapping_check_command, NULL },
	{ "validate", cmd_validate, "validate FILE...",
	  "check Europass documents (schemas and built-in checks)",
	  &validate_command, NULL },
	{ "verify", cmd_verify, "verify DIR",
	  "check the documents of a batch against DIR/SHA256SUMS\n"
	  "(and its signature)",
	  &verify_command, NULL },
	{ "completion", cmd_completion, "completion SHELL",
	  "print the bash or zsh completion script", NULL, "bash zsh" },
	{ NULL, NULL, NULL, NULL, NULL, NULL }
};
