/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * sign.c - sign and check SHA256SUMS (OpenSSL's EVP API).
 *
 * Two schemes, both checkable with the stock openssl command: Ed25519
 * over the message itself, and RSA-PSS with SHA-256 (MGF1-SHA-256, salt
 * as long as the digest). The key decides the scheme.
 */
#include "lob2europass/integrity.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"

/* A PEM key is a few kilobytes; anything larger is not one. */
#define MAX_KEY_FILE_BYTES ((size_t)64 << 10)
#define MIN_RSA_BITS       2048
#define PSS_SALT_BYTES     32

struct l2e_signer {
	EVP_PKEY *key;
	int is_rsa;
};

/* Never ask for a passphrase on the terminal: encrypted keys fail. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

/* The key's scheme: 0 Ed25519, 1 RSA; L2E_ENOTSUPPORTED otherwise. */
static int scheme_of(l2e_ctx *ctx, EVP_PKEY *key, const char *path)
{
	int id = EVP_PKEY_get_base_id(key);

	if (id == EVP_PKEY_ED25519)
		return 0;
	if (id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS) {
		if (EVP_PKEY_get_bits(key) < MIN_RSA_BITS)
			return l2e__error_set_at(
			    ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_SIGN, path, 0,
			    0, NULL,
			    "an RSA key of %d bits is too weak (%d or "
			    "more)",
			    EVP_PKEY_get_bits(key), MIN_RSA_BITS);
		return 1;
	}
	return l2e__error_set_at(ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_SIGN,
	                         path, 0, 0, NULL, "not an Ed25519 or RSA key");
}

/* Read a PEM key, private or public, with a size cap. */
static int load_key(EVP_PKEY **out, l2e_ctx *ctx, const char *path,
                    int is_private)
{
	l2e_buf pem = L2E_BUF_INIT;
	BIO *bio = NULL;
	int error;

	*out = NULL;
	if ((error = l2e__file_read(&pem, ctx, path, MAX_KEY_FILE_BYTES,
	                            "the size of a key file")) < 0)
		goto done;
	if (!(bio = BIO_new_mem_buf(pem.ptr ? pem.ptr : "", (int)pem.len))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_SIGN,
		                       "out of memory");
		goto done;
	}
	*out = is_private
	           ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL)
	           : PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
	ERR_clear_error();
	if (!*out)
		error = l2e__error_set_at(
		    ctx, L2E_EPARSE, L2E_ERRCLASS_SIGN, path, 0, 0, NULL,
		    is_private ? "not a PEM private key, or one protected by a "
		                 "passphrase (not supported)"
		               : "not a PEM public key");
done:
	BIO_free(bio);
	if (pem.ptr)
		OPENSSL_cleanse(pem.ptr, pem.len);
	l2e_buf_dispose(&pem);
	return error;
}

/* Set up `md` for the scheme: Ed25519 takes no digest, RSA-PSS does. */
static int init_md(EVP_MD_CTX *md, EVP_PKEY *key, int is_rsa, int is_sign)
{
	EVP_PKEY_CTX *pctx = NULL;
	const EVP_MD *digest = is_rsa ? EVP_sha256() : NULL;
	int ok = is_sign ? EVP_DigestSignInit(md, &pctx, digest, NULL, key)
	                 : EVP_DigestVerifyInit(md, &pctx, digest, NULL, key);

	if (ok != 1)
		return 0;
	if (!is_rsa)
		return 1;
	return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
	       EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) > 0 &&
	       EVP_PKEY_CTX_set_rsa_pss_saltlen(
	           pctx, is_sign ? PSS_SALT_BYTES : RSA_PSS_SALTLEN_AUTO) > 0;
}

int l2e_signer_load(l2e_signer **out, l2e_ctx *ctx, const char *key_path)
{
	l2e_signer *s;
	EVP_PKEY *key = NULL;
	int error, scheme;

	L2E_ASSERT_ARG(out && ctx && key_path);
	*out = NULL;
	l2e__error_clear(ctx);
	if ((error = load_key(&key, ctx, key_path, 1)) < 0)
		return error;
	if ((scheme = scheme_of(ctx, key, key_path)) < 0) {
		EVP_PKEY_free(key);
		return scheme;
	}
	if (!(s = l2e__calloc(1, sizeof(*s)))) {
		EVP_PKEY_free(key);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_SIGN,
		                      "out of memory");
	}
	s->key = key;
	s->is_rsa = scheme;
	*out = s;
	return 0;
}

const char *l2e_signer_scheme(const l2e_signer *s)
{
	return s && s->is_rsa ? "rsa-pss-sha256" : "ed25519";
}

int l2e_signer_sign(l2e_signer *s, l2e_ctx *ctx, const void *data, size_t len,
                    l2e_buf *sig)
{
	EVP_MD_CTX *md = NULL;
	size_t sig_len = 0;
	int error = 0;

	L2E_ASSERT_ARG(s && ctx && (data || !len) && sig);
	l2e__error_clear(ctx);
	if (!(md = EVP_MD_CTX_new()) || !init_md(md, s->key, s->is_rsa, 1) ||
	    EVP_DigestSign(md, NULL, &sig_len, data, len) != 1) {
		error = l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
		                       "cannot sign");
		goto done;
	}
	if (l2e__buf_grow(sig, sig_len) < 0) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_SIGN,
		                       "out of memory");
		goto done;
	}
	if (EVP_DigestSign(md, (unsigned char *)sig->ptr + sig->len, &sig_len,
	                   data, len) != 1) {
		error = l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
		                       "cannot sign");
		goto done;
	}
	sig->len += sig_len;
	sig->ptr[sig->len] = '\0';
done:
	ERR_clear_error();
	EVP_MD_CTX_free(md);
	return error;
}

void l2e_signer_free(l2e_signer *s)
{
	if (!s)
		return;
	EVP_PKEY_free(s->key);
	l2e__free(s);
}

int l2e_signature_verify(l2e_ctx *ctx, const char *pubkey_path,
                         const void *data, size_t len, const void *sig,
                         size_t sig_len)
{
	EVP_PKEY *key = NULL;
	EVP_MD_CTX *md = NULL;
	int error, scheme;

	L2E_ASSERT_ARG(ctx && pubkey_path && (data || !len) && sig);
	l2e__error_clear(ctx);
	if ((error = load_key(&key, ctx, pubkey_path, 0)) < 0)
		return error;
	if ((error = scheme = scheme_of(ctx, key, pubkey_path)) < 0)
		goto done;
	error = 0;
	if (!(md = EVP_MD_CTX_new()) || !init_md(md, key, scheme, 0)) {
		error = l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
		                       "cannot check the signature");
		goto done;
	}
	if (EVP_DigestVerify(md, sig, sig_len, data, len) != 1)
		error = l2e__error_set_at(
		    ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN, pubkey_path, 0, 0,
		    NULL, "the signature does not match this key and data");
done:
	ERR_clear_error();
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return error;
}
