/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * progress.c - a progress line on a terminal (see progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, int wanted)
{
	const char *term = getenv("TERM");

	/* the line is drawn with escape codes: none for a dumb terminal */
	p->is_on =
	    wanted && isatty(STDERR_FILENO) && !(term && !strcmp(term, "dumb"));
	p->started = now();
	p->last_draw = 0;
	p->drawn = 0;
}

void progress_update(progress *p, size_t done, size_t failed)
{
	double t, elapsed;

	if (!p->is_on)
		return;
	t = now();
	if (t - p->last_draw < 0.1)
		return;
	p->last_draw = t;
	elapsed = t - p->started;
	fputs("\r\033[K", stderr); /* back to the line's start, cleared */
	fprintf(stderr, _("%zu dossiers, %.0f/s, %zu failed, %.0fs"), done,
	        elapsed > 0 ? (double)done / elapsed : 0.0, failed, elapsed);
	p->drawn = 1;
}

void progress_clear(progress *p)
{
	if (p->is_on && p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}
