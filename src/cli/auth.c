/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * auth.c - credentials from a file or an environment variable.
 */
#include "auth.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A token or a password is short; a larger file is something else. */
#define MAX_AUTH_BYTES 8192

static void wipe(char *s, size_t len)
{
	volatile char *p = s;

	while (len--)
		*p++ = '\0';
}

static void wipe_free(char *s)
{
	if (s) {
		wipe(s, strlen(s));
		free(s);
	}
}

void auth_dispose(auth *a)
{
	wipe_free(a->bearer_token);
	wipe_free(a->user);
	wipe_free(a->password);
	memset(a, 0, sizeof(*a));
}

/* "bearer TOKEN" or "basic USER:PASSWORD", trimmed; -1 when neither. */
static int parse(auth *a, char *text)
{
	char *end = text + strlen(text), *value, *colon;

	while (end > text && (end[-1] == '\n' || end[-1] == '\r' ||
	                      end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (strchr(text, '\n'))
		return -1; /* one line only */
	value = strchr(text, ' ');
	if (!value)
		return -1;
	*value++ = '\0';
	while (*value == ' ')
		value++;
	if (!*value)
		return -1;
	if (!strcasecmp(text, "bearer"))
		return (a->bearer_token = strdup(value)) ? 0 : -1;
	if (strcasecmp(text, "basic") || !(colon = strchr(value, ':')))
		return -1;
	*colon = '\0';
	a->user = strdup(value);
	a->password = strdup(colon + 1);
	return a->user && a->password ? 0 : -1;
}

static int read_file(char *buf, size_t size, const char *file, char *why,
                     size_t why_size)
{
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(why, why_size, "%s: %s", file, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && (st.st_mode & 077))
		cli_log("warning",
		        "lob2europass: warning: %s can be read by other "
		        "users; chmod 600 it\n",
		        file);
	while (len + 1 < size &&
	       (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, why_size, "%s: %s", file,
			         strerror(errno));
			close(fd);
			return -1;
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (len + 1 >= size || memchr(buf, '\0', len)) {
		snprintf(why, why_size, "%s: not a credentials file", file);
		return -1;
	}
	return 0;
}

int auth_load(auth *a, const char *file, const char *env_name, char *why,
              size_t why_size)
{
	char buf[MAX_AUTH_BYTES + 1];
	const char *env = NULL;
	int rc;

	memset(a, 0, sizeof(*a));
	if (file) {
		if (read_file(buf, sizeof(buf), file, why, why_size) < 0)
			return -1;
	} else {
		env = getenv(env_name);
		if (!env || !*env)
			return 0;
		if (strlen(env) > MAX_AUTH_BYTES) {
			snprintf(why, why_size, "%s is too long", env_name);
			return -1;
		}
		memcpy(buf, env, strlen(env) + 1);
	}
	rc = parse(a, buf);
	wipe(buf, sizeof(buf));
	if (rc < 0) {
		auth_dispose(a);
		snprintf(why, why_size,
		         "%s: expected one line \"bearer TOKEN\" or \"basic "
		         "USER:PASSWORD\"",
		         file ? file : env_name);
		return -1;
	}
	return 0;
}
