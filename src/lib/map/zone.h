/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * zone.h - time zones from the system's zone data (TZif files under
 * /usr/share/zoneinfo, or $TZDIR), read once when a mapping is loaded.
 *
 * A zone is read-only after loading, so every thread may use it: no
 * setenv("TZ"), no localtime_r() with a process-wide zone. The offsets
 * come from the file's transitions, and after the last one from its
 * footer rule (a POSIX TZ string such as CET-1CEST,M3.5.0,M10.5.0/3).
 */
#ifndef L2E_MAP_ZONE_H
#define L2E_MAP_ZONE_H

#include <stdint.h>

#include "core/pool.h"

typedef struct l2e__zone l2e__zone;

#define L2E__ZONE_DEFAULT  "Europe/Amsterdam"
#define L2E__ZONE_MAX_FILE (256u * 1024u)

/**
 * Read zone `name` (an IANA name such as "Europe/Amsterdam") into
 * `pool`. Returns 0, L2E_ENOMEM, or -1 with *why saying what is wrong
 * (static text: an unknown name, a broken file).
 */
int l2e__zone_load(const l2e__zone **out, l2e__pool *pool, const char *name,
                   const char **why);

const char *l2e__zone_name(const l2e__zone *z);

/* The zones a mapping read, as a list. */
const l2e__zone *l2e__zone_next(const l2e__zone *z);
void l2e__zone_link(const l2e__zone *z, const l2e__zone *next);

/** The zone's offset from UTC, in seconds, at UTC instant `t`. */
long l2e__zone_offset(const l2e__zone *z, int64_t t);

#endif
