/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * i18n.c - set up gettext for the tool (i18n.h).
 *
 * Only the categories that choose the language (LC_MESSAGES) and the
 * character set it is shown in (LC_CTYPE) follow the environment;
 * numbers, dates and sorting stay "C", so that a document, a report or
 * a log is the same byte for byte whatever the user's language.
 */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>

#ifndef L2E_LOCALEDIR
#define L2E_LOCALEDIR "/usr/local/share/locale"
#endif

void cli_i18n_init(void)
{
#ifdef L2E_NLS
	const char *dir = getenv("L2E_LOCALEDIR");

	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/* $L2E_LOCALEDIR: the build tree's catalogs, for the tests */
	bindtextdomain("lob2europass", dir && *dir ? dir : L2E_LOCALEDIR);
	bind_textdomain_codeset("lob2europass", "UTF-8");
	textdomain("lob2europass");
#endif
}
