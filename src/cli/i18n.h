/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * i18n.h - the command-line tool's messages in the user's language
 * (gettext; catalogs in po/). _("text") translates now; P_("one",
 * "many", n) chooses the plural form; N_("text") only marks a text in a
 * table, translated where it is printed. The library's
 * messages stay English.
 */
#ifndef L2E_CLI_I18N_H
#define L2E_CLI_I18N_H

#ifdef L2E_NLS
#include <libintl.h>
#define _(s)         gettext(s)
#define P_(s, pl, n) ngettext(s, pl, n)
#else
#define _(s)         (s)
#define P_(s, pl, n) ((n) == 1 ? (s) : (pl))
#endif
#define N_(s) s

/* Bind the catalogs (the installed ones, or $L2E_LOCALEDIR's). */
void cli_i18n_init(void);

#endif
