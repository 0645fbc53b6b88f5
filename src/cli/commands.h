/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * commands.h - the subcommands, each `lob2europass NAME ARGS`: argv[0]
 * is NAME, and the return value is the exit code (cli.h). The table
 * (commands.c) is read by main.c's dispatch and --help, and by the
 * completion scripts; each command's options and help page are its
 * cli_command (opts.h).
 */
#ifndef L2E_CLI_COMMANDS_H
#define L2E_CLI_COMMANDS_H

#include "opts.h"

int cmd_convert(int argc, char **argv);
int cmd_mapping(int argc, char **argv);
int cmd_mapping_init(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_overview(int argc, char **argv);
int cmd_schemas(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_explain(int argc, char **argv);

extern const cli_command convert_command;
extern const cli_command mapping_check_command;
extern const cli_command mapping_list_command;
extern const cli_command mapping_init_command;
extern const cli_command validate_command;
extern const cli_command verify_command;
extern const cli_command overview_command;
extern const cli_command schemas_command;
extern const cli_command upgrade_command;
extern const cli_command extract_command;
extern const cli_command explain_command;

/* A subcommand: its name, its entry point, its line in --help, its
 * options (NULL: none), and the words its argument is chosen from. */
typedef struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *synopsis; /* "verify DIR" */
	const char *summary;  /* a '\n' continues it on the next line */
	const cli_command *spec;
	const char *words; /* its argument is one of these (completion); NULL:
	                      files */
} cli_cmd;

/* Every subcommand, ended by a zero entry. */
extern const cli_cmd cli_cmds[];

/* `completion SHELL` for the commands `cmds` (cmd_completion.c). */
int cmd_completion(const cli_cmd *cmds, int argc, char **argv);

#endif
