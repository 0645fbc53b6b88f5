/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_codes.h - is a code in the Europass v3.4.1 code lists?
 */
#ifndef L2E_EUROPASS_V3_CODES_H
#define L2E_EUROPASS_V3_CODES_H

/** `code` in Europass spelling (EL, UK), upper case. */
int l2e__europass_v3_country(const char *code);
/** `code` as Europass lists it (ISO 639-1, some 639-3), lower case. */
int l2e__europass_v3_language(const char *code, int is_mother_tongue);

#endif
