/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema_dirs.h - where the official schemas live when no --schema-dir
 * or $L2E_SCHEMA_DIR says: the data folder (DATADIR/schemas), where an
 * administrator installs them for everyone, or else the user's own
 * ($XDG_DATA_HOME/lob2europass/schemas, ~/.local/share/... without it).
 * `validate` reads, and `schemas install` writes, by the same rule.
 */
#ifndef L2E_CLI_SCHEMA_DIRS_H
#define L2E_CLI_SCHEMA_DIRS_H

#include <stddef.h>

#define CLI_PATH_MAX 4096

/* DATADIR/schemas. */
const char *cli_schema_dir_system(void);

/* The user's schema folder into buf; NULL when no $XDG_DATA_HOME or
 * $HOME says where it is. */
const char *cli_schema_dir_user(char *buf, size_t size);

/*
 * The schema folder to use: `option` (--schema-dir) when given, else
 * $L2E_SCHEMA_DIR, else a default. For reading, the first of the data
 * folder and the user's that holds the set, else the data folder; for
 * installing, the data folder when it can be written, else the user's.
 */
const char *cli_schema_dir(const char *option, int for_install, char *buf,
                           size_t size);

#endif
