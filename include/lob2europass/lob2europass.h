/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass.h - umbrella header of liblob2europass.
 *
 * Converts Dutch MBO LOB-dossier exports into Europass documents through
 * declarative mapping files, and validates Europass documents. Start
 * with context.h, then convert.h; validate.h checks documents.
 */
#ifndef LOB2EUROPASS_H
#define LOB2EUROPASS_H

#include "common.h"
#include "context.h"
#include "mapping.h"
#include "convert.h"
#include "validate.h"
#include "upgrade.h"
#include "net.h"
#include "integrity.h"
#include "overview.h"
#include "explain.h"
#include "schemas.h"
#include "draft.h"

#endif
