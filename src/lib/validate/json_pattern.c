/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_pattern.c - the "pattern" keyword of the JSON schema validator:
 * the subset of ECMA-262 regular expressions that validate_json.c
 * accepts, translated into POSIX ERE for regcomp(). Anything outside
 * the subset is named, and the schema is refused.
 */
#include "validate/json_schema_int.h"

#include <string.h>

#include "core/buf.h"

/* ==== Regular expressions: the ECMA-262 subset, as POSIX ERE ==== */

static int is_special(char c)
{
	return c && strchr("^$\\.*+?()[]{}|", c) != NULL;
}

/* A class (set of ASCII characters) as a POSIX bracket expression. */
static int emit_class(l2e_buf *out, const unsigned char set[128])
{
	int c, error, n = 0;

	for (c = 1; c < 128; c++)
		n += set[c];
	if (n == 1 && set['^'])
		return l2e__buf_puts(out, "\\^");
	if ((error = l2e__buf_putc(out, '[')) < 0)
		return error;
	if (set[']'])
		error = l2e__buf_putc(out, ']');
	for (c = 1; c < 128 && !error; c++)
		if (set[c] && c != ']' && c != '-' && c != '^')
			error = l2e__buf_putc(out, (char)c);
	if (!error && set['^'])
		error = l2e__buf_putc(out, '^');
	if (!error && set['-'])
		error = l2e__buf_putc(out, '-');
	return error ? error : l2e__buf_putc(out, ']');
}

/* Parse "[...]" at *p (past the '['); NULL on success, or why not. */
static const char *read_class(const char **p, unsigned char set[128])
{
	const char *s = *p;
	int lo, hi, c;

	memset(set, 0, 128);
	if (*s == '^')
		return "a negated class";
	if (*s == ']')
		return "an empty class";
	while (*s && *s != ']') {
		if (*s == '\\') {
			s++;
			if (*s == 'd') {
				for (c = '0'; c <= '9'; c++)
					set[c] = 1;
				s++;
				continue;
			}
			if (!*s || (unsigned char)*s >= 128 ||
			    (*s >= 'a' && *s <= 'z') ||
			    (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9'))
				return "an escape in a class";
		}
		lo = (unsigned char)*s++;
		if (lo >= 128 || lo < 32)
			return "a character outside printable ASCII";
		hi = lo;
		if (*s == '-' && s[1] && s[1] != ']') {
			s++;
			if (*s == '\\')
				return "an escape in a range";
			hi = (unsigned char)*s++;
			if (hi >= 128 || hi < lo)
				return "a bad range";
		}
		for (c = lo; c <= hi; c++)
			set[c] = 1;
	}
	if (*s != ']')
		return "an unclosed class";
	*p = s + 1;
	return NULL;
}

/* Parse a "{n}", "{n,}" or "{n,m}" quantifier at *p; emit it. */
static const char *read_braces(const char **p, l2e_buf *out)
{
	const char *s = *p + 1, *start = *p;
	int n_digits = 0;

	while (*s >= '0' && *s <= '9')
		s++, n_digits++;
	if (!n_digits)
		return "a '{' that is not a quantifier";
	if (*s == ',') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s != '}')
		return "a '{' that is not a quantifier";
	if (s - start > 12)
		return "a quantifier that is too large";
	s++;
	if (l2e__buf_put(out, start, (size_t)(s - start)) < 0)
		return "out of memory";
	*p = s;
	return NULL;
}

/* See json_schema_int.h. */
const char *l2e__jschema_translate(const char *re, l2e_buf *out)
{
	unsigned char set[128];
	const char *p = re, *why;
	int can_repeat = 0, depth = 0;

	if (l2e__buf_put(out, "", 0) < 0)
		return "out of memory";
	while (*p) {
		char c = *p;

		if (c == '*' || c == '+' || c == '?' || c == '{') {
			if (!can_repeat)
				return "a quantifier without an atom";
			if (c == '{') {
				if ((why = read_braces(&p, out)) != NULL)
					return why;
			} else {
				l2e__buf_putc(out, c);
				p++;
			}
			if (*p == '?')
				return "a lazy quantifier";
			if (*p == '*' || *p == '+' || *p == '{')
				return "a quantifier after a quantifier";
			can_repeat = 0;
			continue;
		}
		can_repeat = 1;
		p++;
		switch (c) {
		case '.': return "'.'";
		case '^':
		case '$':
			l2e__buf_putc(out, c);
			can_repeat = 0;
			break;
		case '|':
			l2e__buf_putc(out, '|');
			can_repeat = 0;
			break;
		case '(':
			if (*p == '?') {
				if (p[1] != ':')
					return "a look-around or named group";
				p += 2;
			}
			if (*p == ')')
				return "an empty group";
			l2e__buf_putc(out, '(');
			depth++;
			can_repeat = 0;
			break;
		case ')':
			if (!depth--)
				return "an unbalanced ')'";
			l2e__buf_putc(out, ')');
			break;
		case '[':
			if ((why = read_class(&p, set)) != NULL)
				return why;
			if (emit_class(out, set) < 0)
				return "out of memory";
			break;
		case '\\':
			c = *p++;
			if (c == 'd') {
				l2e__buf_puts(out, "[0-9]");
			} else if (c && is_special(c)) {
				l2e__buf_putc(out, '\\');
				l2e__buf_putc(out, c);
			} else if (c == '-' || c == '/' || c == '"' ||
			           c == ',' || c == ':' || c == '=' ||
			           c == '!' || c == '@' || c == '#' ||
			           c == '%' || c == '&' || c == '~' ||
			           c == '\'' || c == '<' || c == '>' ||
			           c == ' ' || c == ';' || c == '`' ||
			           c == '_') {
				l2e__buf_putc(out, c);
			} else {
				return "an escape other than \\d or a "
				       "punctuation character";
			}
			break;
		case ']':
		case '}': return "an unbalanced ']' or '}'";
		default:
			if ((unsigned char)c >= 128 || (unsigned char)c < 32)
				return "a character outside printable ASCII";
			l2e__buf_putc(out, c);
		}
	}
	if (depth)
		return "an unclosed group";
	return out->ptr ? NULL : "out of memory";
}
