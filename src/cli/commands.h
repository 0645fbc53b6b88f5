/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * commands.h - the subcommands, each `lob2europass NAME ARGS`: argv[0]
 * is NAME, and the return value is the exit code (cli.h). main.c
 * dispatches to them through its table.
 */
#ifndef L2E_CLI_COMMANDS_H
#define L2E_CLI_COMMANDS_H

int cmd_convert(int argc, char **argv);
int cmd_mapping(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
