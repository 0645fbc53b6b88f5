/*
 * natid.c - national identifier detection and redaction (see natid.h).
 */
#include "natid.h"

#include <string.h>
#include <strings.h>

#include "core/buf.h"

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

/* Length of the national identifier starting at s[i], or 0. */
static size_t natid_at(const char *s, size_t i)
{
	static const char eck[] = "https://ketenid.nl/";
	static const char eck_plain[] = "ketenid.nl/";
	size_t n = 0;

	/* host names ignore case, and so may a text or a transform */
	if (strncasecmp(s + i, eck, sizeof(eck) - 1) == 0 ||
	    strncasecmp(s + i, eck_plain, sizeof(eck_plain) - 1) == 0) {
		while (s[i + n] && s[i + n] != ' ' && s[i + n] != '\t' &&
		       s[i + n] != '\n' && s[i + n] != '"' && s[i + n] != '<')
			n++;
		return n;
	}
	if (i > 0 && is_digit(s[i - 1]))
		return 0;
	while (is_digit(s[i + n]))
		n++;
	if (n != 9)
		return 0;
	if (l2e__natid_is_bsn(s + i) || l2e__natid_is_onderwijsnummer(s + i))
		return 9;
	return 0;
}

int l2e__natid_find(const char *s)
{
	size_t i;

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
