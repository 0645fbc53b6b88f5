/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cleanup.h - no temporary file left behind when a signal ends the
 * program (Ctrl-C, kill, a closed pipe: SIGINT, SIGTERM, SIGHUP,
 * SIGPIPE). The files being written (util/atomic_file.h: documents,
 * reports, SHA256SUMS, the run state) are removed and the signal then
 * ends the program as it would have, so a shell or a pipeline sees the
 * same status. kill -9 cannot be caught: the next run into the same
 * folder removes what it left (output_clean_stale).
 */
#ifndef L2E_CLI_CLEANUP_H
#define L2E_CLI_CLEANUP_H

/** Track temporary files and catch the signals; once, at the start. */
void cleanup_install(void);

#endif
