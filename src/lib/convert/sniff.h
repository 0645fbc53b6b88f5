/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * sniff.h - know an input before reading it.
 *
 * The first bytes of an input say what it is (a ZIP or an Excel
 * workbook, a PDF, XML, JSON, CSV text, binary data); the mapping says
 * what it reads. When the two differ, the input is refused with one line
 * that names the input, what it looks like, what the mapping reads and
 * the fix, instead of a parse error per line of it.
 *
 * l2e__sniff_fits() is the one place that decides which looks a mapping
 * reads: a reader for Excel workbooks relaxes it there (see its comment).
 * The public l2e_mapping_reads_folders() (convert.h), whether a mapping
 * reads a folder as one input, is answered here too, so that input.c
 * calls this file and this file calls no part of input.c.
 */
#ifndef L2E_CONVERT_SNIFF_H
#define L2E_CONVERT_SNIFF_H

#include <stddef.h>

#include "core/look.h"
#include "lob2europass/convert.h"

/**
 * What the first bytes of the file at `path` look like.
 * @return 0, or L2E_ENOTFOUND / L2E_EIO with the error on the context
 */
int l2e__sniff_file(l2e__look *out, l2e_ctx *ctx, const char *path);

/** 1 when `map` reads a file (or stream) that looks like `look`. */
int l2e__sniff_fits(const l2e_mapping *map, l2e__look look);

/**
 * Check an input that looks like `look` against the mapping.
 * @return 0 when it fits, 1 when it is empty and empty inputs are
 *         allowed (l2e_ctx_options.allow_empty), or L2E_EPARSE with the
 *         one-line message on the context
 */
int l2e__sniff_check(l2e_ctx *ctx, const l2e_mapping *map, const char *name,
                     l2e__look look);

/**
 * A CSV bundle (several tables) is a folder: one file or a stream is
 * refused with the fix. 0, or L2E_EPARSE with the message on the context.
 */
int l2e__sniff_check_not_bundle(l2e_ctx *ctx, const l2e_mapping *map,
                                const char *name);

#endif
