/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * input.h - internal hooks into l2e_input.
 */
#ifndef L2E_CONVERT_INPUT_H
#define L2E_CONVERT_INPUT_H

#include "lob2europass/convert.h"
#include "model/record.h"

/* Called with each document's tree just before it is freed. */
typedef void (*l2e__document_cb)(const l2e__node *root, void *payload);

void l2e__input_on_document(l2e_input *in, l2e__document_cb cb, void *payload);

#endif
