/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/integrity.h - SHA-256 digests and signatures.
 *
 * A batch lists its documents in SHA256SUMS (the format `sha256sum -c`
 * reads) and may sign that file. Signatures are what stock OpenSSL
 * checks: Ed25519 over the file's bytes (`openssl pkeyutl -verify
 * -rawin`), or RSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt
 * (`openssl dgst -sha256 -sigopt rsa_padding_mode:pss`).
 */
#ifndef LOB2EUROPASS_INTEGRITY_H
#define LOB2EUROPASS_INTEGRITY_H

#include "context.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Room for a SHA-256 digest in hex, with its terminating NUL. */
#define L2E_SHA256_HEX_SIZE 65

/** The SHA-256 of `len` bytes as 64 lower-case hex digits. */
L2E_API int l2e_sha256_hex(char out[L2E_SHA256_HEX_SIZE], l2e_ctx *ctx,
                           const void *data, size_t len);

/**
 * The SHA-256 of a regular file, read a little at a time. A symbolic
 * link is refused, not followed.
 * @return 0, L2E_ENOTFOUND, L2E_EIO or L2E_ECRYPTO
 */
L2E_API int l2e_sha256_file_hex(char out[L2E_SHA256_HEX_SIZE], l2e_ctx *ctx,
                                const char *path);

typedef struct l2e_signer l2e_signer;

/**
 * Load a private key (PEM, not encrypted): Ed25519 or RSA (2048 bits or
 * more).
 * @param[out] out  caller frees with l2e_signer_free()
 * @return 0, L2E_ENOTFOUND, L2E_EIO, L2E_EPARSE, L2E_ENOTSUPPORTED
 */
L2E_API int l2e_signer_load(l2e_signer **out, l2e_ctx *ctx,
                            const char *key_path);

/** "ed25519" or "rsa-pss-sha256". */
L2E_API const char *l2e_signer_scheme(const l2e_signer *s);

/** Sign `len` bytes; the signature (raw bytes) goes to `sig`. */
L2E_API int l2e_signer_sign(l2e_signer *s, l2e_ctx *ctx, const void *data,
                            size_t len, l2e_buf *sig);

L2E_API void l2e_signer_free(l2e_signer *s);

/**
 * Check a signature with a public key (PEM) of either scheme.
 * @return 0 when it matches; L2E_ECRYPTO when it does not; L2E_ENOTFOUND,
 *         L2E_EIO, L2E_EPARSE or L2E_ENOTSUPPORTED for the key
 */
L2E_API int l2e_signature_verify(l2e_ctx *ctx, const char *pubkey_path,
                                 const void *data, size_t len, const void *sig,
                                 size_t sig_len);

#ifdef __cplusplus
}
#endif

#endif
