/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * rules.h - the v3.x to v3.4 rules that the XML and the JSON step share
 * (rules.c).
 */
#ifndef L2E_LEGACY_RULES_H
#define L2E_LEGACY_RULES_H

/**
 * Whether a printing preference Field of a 3.`minor` document stays in
 * 3.4: `has_layout` when it has format, position or order. `why` gets
 * the reason when it goes.
 */
int l2e__up_field_kept(const char *name, int has_layout, int minor,
                       const char **why);

/** 1 when `code` is an ESCO occupation id as 3.4 wants it. */
int l2e__up_is_esco(const char *code);

/** 1 when `s` is a CEFR level A1..C2 (upper case). */
int l2e__up_is_cefr(const char *s);

#endif
