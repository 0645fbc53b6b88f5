/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * qpdf_lib.h - libqpdf, opened when the first PDF is read (see
 * core/dlib.c for why). Call l2e__qpdf_load() first; then
 * l2e__qpdf.init() is qpdf_init(), and so on.
 */
#ifndef L2E_LEGACY_QPDF_LIB_H
#define L2E_LEGACY_QPDF_LIB_H

#include <qpdf/qpdf-c.h>

/* The qpdf C API functions pdf_extract.c calls, without "qpdf_". */
/* clang-format off */
#define L2E__QPDF_FUNCTIONS(X) \
	X(init) \
	X(cleanup) \
	X(silence_errors) \
	X(set_suppress_warnings) \
	X(read_memory) \
	X(has_error) \
	X(get_error) \
	X(get_error_code) \
	X(get_error_message_detail) \
	X(more_warnings) \
	X(next_warning) \
	X(get_root) \
	X(get_trailer) \
	X(get_num_pages) \
	X(get_page_n) \
	X(oh_get_key) \
	X(oh_has_key) \
	X(oh_get_dict) \
	X(oh_is_null) \
	X(oh_is_array) \
	X(oh_is_dictionary) \
	X(oh_is_string) \
	X(oh_is_stream) \
	X(oh_is_name_and_equals) \
	X(oh_get_array_n_items) \
	X(oh_get_array_item) \
	X(oh_get_object_id) \
	X(oh_get_utf8_value) \
	X(oh_get_stream_data)
/* clang-format on */

struct l2e__qpdf_fns {
#define L2E__QPDF_FIELD(name) __typeof__(qpdf_##name) *name;
	L2E__QPDF_FUNCTIONS(L2E__QPDF_FIELD)
#undef L2E__QPDF_FIELD
};

/* Filled by l2e__qpdf_load(); not to be read before it succeeded. */
extern struct l2e__qpdf_fns l2e__qpdf;

/* Opens libqpdf, once per process; 0, or -1 with *why saying why not. */
int l2e__qpdf_load(const char **why);

#endif
