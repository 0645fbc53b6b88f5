/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * sha256.c - SHA-256 digests in hex (OpenSSL's EVP digest API).
 */
#include "lob2europass/integrity.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/ctx.h"

static void to_hex(char out[L2E_SHA256_HEX_SIZE], const unsigned char *md)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[64] = '\0';
}

int l2e_sha256_hex(char out[L2E_SHA256_HEX_SIZE], l2e_ctx *ctx,
                   const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;

	L2E_ASSERT_ARG(out && ctx && (data || !len));
	l2e__error_clear(ctx);
	if (!EVP_Digest(data ? data : "", len, md, &md_len, EVP_sha256(),
	                NULL) ||
	    md_len != 32)
		return l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
		                      "SHA-256 failed");
	to_hex(out, md);
	return 0;
}

int l2e_sha256_file_hex(char out[L2E_SHA256_HEX_SIZE], l2e_ctx *ctx,
                        const char *path)
{
	unsigned char md[EVP_MAX_MD_SIZE], chunk[65536];
	unsigned int md_len = 0;
	EVP_MD_CTX *h = NULL;
	struct stat st;
	ssize_t n;
	int fd, error = 0;

	L2E_ASSERT_ARG(out && ctx && path);
	l2e__error_clear(ctx);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return l2e__error_set_at(
		    ctx, errno == ENOENT ? L2E_ENOTFOUND : L2E_EIO,
		    L2E_ERRCLASS_OS, path, 0, 0, NULL, "cannot open: %s",
		    errno == ELOOP ? "a symbolic link" : strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		error = l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path,
		                          0, 0, NULL, "not a regular file");
		goto done;
	}
	if (!(h = EVP_MD_CTX_new()) ||
	    !EVP_DigestInit_ex(h, EVP_sha256(), NULL)) {
		error = l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
		                       "SHA-256 failed");
		goto done;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = l2e__error_set_at(
			    ctx, L2E_EIO, L2E_ERRCLASS_OS, path, 0, 0, NULL,
			    "cannot read: %s", strerror(errno));
			goto done;
		}
		if (!EVP_DigestUpdate(h, chunk, (size_t)n)) {
			error =
			    l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
			                   "SHA-256 failed");
			goto done;
		}
	}
	if (!EVP_DigestFinal_ex(h, md, &md_len) || md_len != 32) {
		error = l2e__error_set(ctx, L2E_ECRYPTO, L2E_ERRCLASS_SIGN,
		                       "SHA-256 failed");
		goto done;
	}
	to_hex(out, md);
done:
	EVP_MD_CTX_free(h);
	close(fd);
	return error;
}
