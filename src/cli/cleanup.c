/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cleanup.c - temporary files removed when a signal ends the program
 * (see cleanup.h).
 *
 * The handler may only use async-signal-safe calls: it walks a fixed
 * table of paths and unlink()s them. A slot is filled before it is
 * marked used and unmarked before it is reused, so the handler never
 * reads a half-written path; writers on several threads take a mutex
 * among themselves (never the handler).
 */
#include "cleanup.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "util/atomic_file.h"

/* Files written at the same time: one per format, a report, a manifest. */
#define SLOTS 64

static char paths[SLOTS][L2E_ATOMIC_PATH_MAX];
static volatile sig_atomic_t is_used[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void track(const char *tmp, int is_created)
{
	size_t i, len = strlen(tmp);

	if (len >= L2E_ATOMIC_PATH_MAX)
		return;
	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++) {
		if (is_created && !is_used[i]) {
			memcpy(paths[i], tmp, len + 1);
			is_used[i] = 1;
			break;
		}
		if (!is_created && is_used[i] && !strcmp(paths[i], tmp)) {
			is_used[i] = 0;
			break;
		}
	}
	/* a full table: that file is left to the next run's cleaning */
	pthread_mutex_unlock(&lock);
}

static void on_signal(int sig)
{
	size_t i;

	for (i = 0; i < SLOTS; i++)
		if (is_used[i])
			unlink(paths[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void cleanup_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	struct sigaction sa;
	size_t i;

	l2e__atomic_set_hook(track);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* a signal ignored by whoever started us stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}
