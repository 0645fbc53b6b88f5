/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * i18n.h - the command-line tool's messages in the user's language
 * (gettext; catalogs in po/). _("text") translates now; N_("text") only
 * marks a text in a table, translated where it is printed. The library's
 * messages stay English.
 */
#ifndef L2E_CLI_I18N_H
#define L2E_CLI_I18N_H

#ifdef L2E_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) s

/* Bind the catalogs (the installed ones, or $L2E_LOCALEDIR's). */
void cli_i18n_init(void);

#endif
