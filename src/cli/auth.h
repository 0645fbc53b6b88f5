/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * auth.h - credentials for a server, from a file or the environment.
 *
 * Never from the command line (it shows in `ps` and shell history), and
 * never printed: messages about a bad file do not quote its content.
 */
#ifndef L2E_CLI_AUTH_H
#define L2E_CLI_AUTH_H

#include <stddef.h>

typedef struct auth {
	char *bearer_token;
	char *user;
	char *password;
} auth;

/**
 * Read credentials from `file`, or when it is NULL from the environment
 * variable `env_name` (nothing there: no credentials). The text is
 * "bearer TOKEN" or "basic USER:PASSWORD". 0, or -1 with `why` set.
 */
int auth_load(auth *a, const char *file, const char *env_name, char *why,
              size_t why_size);

/** Wipe and free the secrets. */
void auth_dispose(auth *a);

#endif
