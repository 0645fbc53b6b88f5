/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/common.h - conventions shared by every public header.
 *
 * Ownership rules (they hold for the whole API):
 *  1. Anything returned through `**out` belongs to the caller; release it
 *     with that type's l2e_<type>_free().
 *  2. A pointer returned as the function's value is borrowed: it is const
 *     and lives as long as the object it came from.
 *  3. Text and bytes come back in a caller-owned l2e_buf (L2E_BUF_INIT),
 *     released with l2e_buf_dispose(). `_free` releases an object the
 *     library allocated; `_dispose` releases only the contents of a struct
 *     the caller owns.
 *  4. The library never takes ownership of a parameter implicitly.
 *  5. Every _free and _dispose accepts NULL.
 *
 * Errors: every fallible function returns 0 on success or a negative
 * l2e_code; details are on the context (l2e_ctx_error()).
 */
#ifndef LOB2EUROPASS_COMMON_H
#define LOB2EUROPASS_COMMON_H

#include <stddef.h>

#if defined(__GNUC__) && __GNUC__ >= 4
#define L2E_API __attribute__((visibility("default")))
#else
#define L2E_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Result codes. Append-only: each value keeps its number. */
typedef enum l2e_code {
	L2E_OK = 0,
	L2E_ERROR = -1,         /* -1: anything not listed below */
	L2E_ENOTFOUND = -2,     /* -2: a file, field or entry is missing */
	L2E_EPARSE = -3,        /* -3: input could not be parsed */
	L2E_EMAPPING = -4,      /* -4: the mapping file is invalid */
	L2E_ELIMIT = -5,        /* -5: a configured limit was exceeded */
	L2E_ENOTSUPPORTED = -6, /* -6: feature not built in or not known */
	L2E_EIO = -7,           /* -7: reading or writing failed */
	L2E_ENET = -8,          /* -8: network failure */
	L2E_ECRYPTO = -9,       /* -9: hashing or signing failed */
	L2E_ENOMEM = -10        /* -10: out of memory */
} l2e_code;

/** Short English text for a code; never NULL. */
L2E_API const char *l2e_strerror(int code);

typedef enum l2e_severity {
	L2E_SEVERITY_WARNING = 1,
	L2E_SEVERITY_ERROR = 2,
	L2E_SEVERITY_NOTE = 3 /* for information, not a problem (coverage) */
} l2e_severity;

/**
 * One finding about a dossier. `file` is the input file, `line`/`column`
 * the place of the value in it (0 when unknown), `field` the source path
 * or profile field concerned, `rule` the mapping rule (profile field).
 * All strings are borrowed from the dossier. National identifiers are
 * never quoted in a message.
 */
typedef struct l2e_diag {
	l2e_severity severity;
	const char *message;
	const char *file;
	unsigned line;
	unsigned column;
	const char *field;
	const char *rule;
} l2e_diag;

/**
 * A caller-owned byte buffer. `ptr` is NUL-terminated whenever it is not
 * NULL; `len` excludes the terminator.
 */
typedef struct l2e_buf {
	char *ptr;
	size_t len;
	size_t cap;
} l2e_buf;

#define L2E_BUF_INIT       \
	{                  \
		NULL, 0, 0 \
	}

/** Release the contents of `buf` and reset it to L2E_BUF_INIT. */
L2E_API void l2e_buf_dispose(l2e_buf *buf);

#ifdef __cplusplus
}
#endif

#endif
