/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * natid.c - national identifier detection and redaction (see natid.h).
 */
#include "natid.h"

#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"

static int weighted_sum(const char *d)
{
	int sum = 0, i;

	for (i = 0; i < 8; i++)
		sum += (d[i] - '0') * (9 - i);
	return sum - (d[8] - '0');
}

int l2e__natid_is_bsn(const char *d)
{
	int sum = weighted_sum(d);

	/* an all-zero number passes the arithmetic but is no BSN */
	return sum % 11 == 0 && strncmp(d, "000000000", 9) != 0;
}

int l2e__natid_is_onderwijsnummer(const char *d)
{
	int sum = weighted_sum(d);

	return d[0] == '1' && d[1] == '0' && ((sum % 11) + 11) % 11 == 5;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A cheap filter before natid_at: a digit, or h/k of an ECK iD. */
static int could_start(char c)
{
	return is_digit(c) || c == 'h' || c == 'H' || c == 'k' || c == 'K';
}

static int is_group_sep(char c)
{
	return c == '.' || c == ' ' || c == '-';
}

/*
 * A number written in groups as people write a BSN: 1234.56.782,
 * 123.456.782, 123 456 782, 123-456-782 (one kind of separator). The
 * groups must stand alone: no digit group joined on either side, so a
 * phone number such as 050 123 4567 is not taken for one.
 */
static size_t grouped_at(const char *s, size_t i)
{
	static const unsigned char shapes[][3] = { { 4, 2, 3 }, { 3, 3, 3 } };
	char digits[10];
	size_t k, g, n, at;
	char sep;

	if (i >= 2 && is_group_sep(s[i - 1]) && is_digit(s[i - 2]))
		return 0;
	for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		sep = 0;
		at = i;
		n = 0;
		for (g = 0; g < 3; g++) {
			size_t want = shapes[k][g], got = 0;

			if (g > 0) {
				if (!is_group_sep(s[at]) ||
				    (sep && s[at] != sep))
					break;
				sep = s[at++];
			}
			for (; got < want && is_digit(s[at]); got++)
				digits[n++] = s[at++];
			if (got != want || is_digit(s[at]))
				break;
		}
		if (g < 3)
			continue;
		if (is_group_sep(s[at]) && is_digit(s[at + 1]))
			continue;
		digits[9] = '\0';
		if (l2e__natid_is_bsn(digits) ||
		    l2e__natid_is_onderwijsnummer(digits))
			return at - i;
	}
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * A BSN written as a number loses its leading zero (012345672 becomes
 * 12345672 in a spreadsheet or an LVS export). Eight digits that are a
 * BSN with that zero are one when they are the whole value: inside a
 * text they are far more often something else (one in eleven 8-digit
 * numbers passes), and a text is where a message quotes them whole.
 */
static int is_bsn_without_zero(const char *s, size_t i, size_t n)
{
	char d[10];
	size_t k;

	if (n != 8)
		return 0;
	for (k = 0; k < i; k++)
		if (!is_space(s[k]))
			return 0;
	for (k = i + n; s[k]; k++)
		if (!is_space(s[k]))
			return 0;
	d[0] = '0';
	memcpy(d + 1, s + i, 8);
	d[9] = '\0';
	return l2e__natid_is_bsn(d);
}

/* Length of the national identifier starting at s[i], or 0. */
static size_t natid_at(const char *s, size_t i)
{
	static const char eck[] = "https://ketenid.nl/";
	static const char eck_plain[] = "ketenid.nl/";
	size_t n = 0;

	/* host names ignore case, and so may a text or a transform; the
	 * first letter is looked at before the whole name is compared */
	if (((s[i] | 0x20) == 'h' &&
	     strncasecmp(s + i, eck, sizeof(eck) - 1) == 0) ||
	    ((s[i] | 0x20) == 'k' &&
	     strncasecmp(s + i, eck_plain, sizeof(eck_plain) - 1) == 0)) {
		while (s[i + n] && s[i + n] != ' ' && s[i + n] != '\t' &&
		       s[i + n] != '\n' && s[i + n] != '"' && s[i + n] != '<')
			n++;
		return n;
	}
	if (i > 0 && is_digit(s[i - 1]))
		return 0;
	while (is_digit(s[i + n]))
		n++;
	if (n == 9 &&
	    (l2e__natid_is_bsn(s + i) || l2e__natid_is_onderwijsnummer(s + i)))
		return 9;
	if (is_bsn_without_zero(s, i, n))
		return 8;
	return grouped_at(s, i);
}

/*
 * Whether s could hold an identifier at all: each one has eight digits
 * in a row (a BSN that lost its zero), nine in all (plain or grouped),
 * or "ketenid" (an ECK iD). Names, dates and codes, most of what is
 * checked, have none of these, and natid_at at every digit of a date
 * was 4% of a conversion.
 */
static int could_hold(const char *s)
{
	size_t i, digits = 0, run = 0, longest = 0;
	int has_k = 0;

	for (i = 0; s[i]; i++) {
		if (is_digit(s[i])) {
			digits++;
			run++;
			longest = run > longest ? run : longest;
		} else {
			run = 0;
			has_k |= (s[i] | 0x20) == 'k';
		}
	}
	return longest >= 8 || digits >= 9 || has_k;
}

int l2e__natid_find(const char *s)
{
	size_t i;

	if (!could_hold(s))
		return 0;
	for (i = 0; s[i]; i++)
		if (could_start(s[i]) && natid_at(s, i))
			return 1;
	return 0;
}

int l2e__natid_redact(l2e_buf *out, const char *s, size_t *n_out)
{
	size_t i = 0, start = 0, n;
	int error = 0;

	*n_out = 0;
	while (s[i] && !error) {
		n = could_start(s[i]) ? natid_at(s, i) : 0;
		if (!n) {
			i++;
			continue;
		}
		error = l2e__buf_put(out, s + start, i - start);
		if (!error)
			error = l2e__buf_puts(out, L2E_REDACTED);
		(*n_out)++;
		i += n;
		start = i;
	}
	if (!error)
		error = l2e__buf_put(out, s + start, i - start);
	return error;
}

int l2e__natid_safe_text(l2e_buf *out, const char *s, size_t max)
{
	l2e_buf redacted = L2E_BUF_INIT;
	const unsigned char *u;
	size_t n_found = 0, i = 0, n, start = out->len;
	int error;

	if ((error = l2e__natid_redact(&redacted, s, &n_found)) < 0)
		goto done;
	u = (const unsigned char *)(redacted.ptr ? redacted.ptr : "");
	while (u[i] && !error) {
		n = l2e__utf8_seq(u + i, redacted.len - i);
		if (max && out->len - start + (n ? n : 1) > max) {
			/* never cut inside a number: nine digits cut from
			 * ten can pass the elfproef */
			while (is_digit((char)u[i]) && out->len > start &&
			       is_digit(out->ptr[out->len - 1]))
				out->ptr[--out->len] = '\0';
			error = l2e__buf_puts(out, "...");
			break;
		}
		if (!n || u[i] < 0x20 || u[i] == 0x7F ||
		    (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)) {
			/* a control character (C0, DEL, C1) or a bad byte */
			error = l2e__buf_putc(out, '?');
			i += n ? n : 1;
			continue;
		}
		error = l2e__buf_put(out, (const char *)u + i, n);
		i += n;
	}
	if (!error && !out->ptr)
		error = l2e__buf_put(out, "", 0);
done:
	l2e_buf_dispose(&redacted);
	return error;
}
