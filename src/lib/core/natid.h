/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * natid.h - recognise Dutch national identifiers so they never leave us.
 *
 * BSN (burgerservicenummer): 9 digits (also written in groups, as
 * 1234.56.782 or 123 456 782), elfproef with weights 9..2 and -1,
 * sum divisible by 11. Onderwijsnummer: 9 digits starting with "10",
 * same weights, sum = 5 (mod 11). ECK iD: a URI under ketenid.nl.
 * Detection works on content, not on field names, so it holds whatever
 * a mapping says and wherever a student pasted a number.
 */
#ifndef L2E_CORE_NATID_H
#define L2E_CORE_NATID_H

#include <stddef.h>

#include "lob2europass/common.h"

/** 1 if the 9 digits at `d` pass the BSN elfproef. */
int l2e__natid_is_bsn(const char *d);
/** 1 if the 9 digits at `d` pass the onderwijsnummer check. */
int l2e__natid_is_onderwijsnummer(const char *d);

/**
 * 1 if `s` holds a national identifier anywhere: a run of exactly nine
 * digits that passes either check, or an ECK iD.
 */
int l2e__natid_find(const char *s);

/**
 * Copy `s` to `out` with every national identifier replaced by
 * L2E_REDACTED. *n_out counts the replacements.
 */
int l2e__natid_redact(l2e_buf *out, const char *s, size_t *n_out);

/**
 * Append `s` to `out` made fit for a one-line message or log: national
 * identifiers redacted, control characters (C0, DEL, C1) and invalid
 * UTF-8 shown as '?', and cut to about `max` bytes (0: no cut) at a
 * character boundary, ending in "...". Every message the library makes
 * passes through here (core/ctx.c, model/diag.c).
 */
int l2e__natid_safe_text(l2e_buf *out, const char *s, size_t max);

#define L2E_REDACTED "[verwijderd]"

#endif
