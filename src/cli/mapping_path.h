/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * mapping_path.h - where mappings are found by name: --mappings-dir,
 * then each folder of L2E_MAPPINGS_PATH, then the installed mappings
 * (jq's -L). Used by convert (a name to a file, or "not found" with
 * where it looked and the closest name) and by `mapping list`.
 */
#ifndef L2E_CLI_MAPPING_PATH_H
#define L2E_CLI_MAPPING_PATH_H

#include <stddef.h>
#include <stdio.h>

#include <lob2europass/lob2europass.h>

#define MAPPING_MAX_DIRS 16

typedef struct mapping_dirs {
	char *dir[MAPPING_MAX_DIRS];
	size_t n;
} mapping_dirs;

/** The search path in order; free with mapping_dirs_dispose(). */
void mapping_dirs_get(mapping_dirs *out, const char *mappings_dir);

void mapping_dirs_dispose(mapping_dirs *d);

/**
 * The mapping file for `arg`: a path (it holds a '/' or is a file), or
 * a name looked up as NAME.json along the search path. NULL when there
 * is none.
 */
const char *mapping_find(const char *arg, const char *mappings_dir, char *buf,
                         size_t size);

/**
 * "PROG: mapping 'ARG' not found (looked in ...); did you mean 'X'?":
 * one line on `f`, with the closest mapping name or file.
 */
void mapping_not_found(FILE *f, const char *prog, const char *arg,
                       const char *mappings_dir);

/**
 * Find and load the mapping `arg` for command `prog`: 0, or the exit
 * code after one line on stderr (EXIT_USAGE when there is no such
 * mapping, EXIT_MAPPING when it does not load).
 */
int mapping_open(l2e_mapping **map, l2e_ctx *ctx, const char *prog,
                 const char *arg, const char *mappings_dir);

/**
 * Call `fn` for each mapping file of a folder (NAME.json, not hidden,
 * not *.schema.json), in name order, with its path and NAME.
 */
void mapping_each(const char *dir,
                  void (*fn)(const char *path, const char *name, void *payload),
                  void *payload);

#endif
