/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * progress.h - a one-line progress display on a terminal's stderr.
 *
 * Nothing is shown unless stderr is a terminal (and not with --quiet):
 * logs and pipelines get no control characters.
 */
#ifndef L2E_CLI_PROGRESS_H
#define L2E_CLI_PROGRESS_H

#include <stddef.h>

typedef struct progress {
	int is_on;
	double started;
	double last_draw;
	int drawn;
} progress;

void progress_start(progress *p, int wanted);
/** Redraw at most ten times a second: done so far and failures. */
void progress_update(progress *p, size_t done, size_t failed);
/** Clear the line (before other output, and at the end). */
void progress_clear(progress *p);

#endif
