/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema_dirs.c - the default schema folders (schema_dirs.h).
 */
#include "schema_dirs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef L2E_DATADIR
#define L2E_DATADIR "/usr/local/share/lob2europass"
#endif

/* The file that tells a schema folder holds the set (validate.c). */
#define SET_MARK "/v3.4.1/xsd/EuropassSchema.xsd"

const char *cli_schema_dir_system(void)
{
	return L2E_DATADIR "/schemas";
}

const char *cli_schema_dir_user(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	int n;

	/* the XDG spec: a relative $XDG_DATA_HOME is to be ignored */
	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/lob2europass/schemas", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/.local/share/lob2europass/schemas",
		             home);
	else
		return NULL;
	return n > 0 && (size_t)n < size ? buf : NULL;
}

static int holds_set(const char *dir)
{
	char path[CLI_PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s" SET_MARK, dir);

	return n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0 &&
	       S_ISREG(st.st_mode);
}

/* Can `dir`, or the nearest folder above it that exists, be written? */
static int is_writable(const char *dir)
{
	char path[CLI_PATH_MAX];
	char *slash;

	if (strlen(dir) >= sizeof(path))
		return 0;
	strcpy(path, dir);
	for (;;) {
		if (access(path, F_OK) == 0)
			return access(path, W_OK | X_OK) == 0;
		if (!(slash = strrchr(path, '/')) || slash == path)
			return access("/", W_OK) == 0;
		*slash = '\0';
	}
}

const char *cli_schema_dir(const char *option, int for_install, char *buf,
                           size_t size)
{
	const char *env = getenv("L2E_SCHEMA_DIR"), *sys, *user;

	if (option)
		return option;
	if (env && *env)
		return env;
	sys = cli_schema_dir_system();
	user = cli_schema_dir_user(buf, size);
	if (for_install)
		return is_writable(sys) || !user ? sys : user;
	if (holds_set(sys) || !user || !holds_set(user))
		return sys;
	return user;
}
