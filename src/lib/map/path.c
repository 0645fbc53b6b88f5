/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * path.c - parse and evaluate record-tree paths (see path.h).
 */
#include "path.h"

#include <string.h>

#include "lob2europass/common.h"

/* ==== Parsing ==== */

typedef struct parser {
	l2e__pool *pool;
	const char *text;
	size_t pos;
	const char *why;
	l2e__step *steps;
	size_t n_steps;
	size_t cap;
	unsigned depth; /* of nested $lookup( */
} parser;

static int add_step(parser *ps, l2e__step step)
{
	if (ps->n_steps == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 4;
		l2e__step *s = l2e__pool_alloc(ps->pool, cap * sizeof(*s));

		if (!s)
			return L2E_ENOMEM;
		if (ps->n_steps)
			memcpy(s, ps->steps, ps->n_steps * sizeof(*s));
		ps->steps = s;
		ps->cap = cap;
	}
	ps->steps[ps->n_steps++] = step;
	return 0;
}

static int is_name_char(char c)
{
	return c && !strchr(".[]='\"", c);
}

static int syntax(parser *ps, const char *why)
{
	ps->why = why;
	return L2E_EMAPPING;
}

/* A quoted name: 'text' with '' for a quote inside. */
static int quoted(parser *ps, const char **out)
{
	char buf[512];
	size_t n = 0;

	ps->pos++; /* opening quote */
	for (;;) {
		char c = ps->text[ps->pos];

		if (!c)
			return syntax(ps, "unterminated quoted name");
		if (c == '\'') {
			if (ps->text[ps->pos + 1] != '\'')
				break;
			ps->pos++;
		}
		if (n == sizeof(buf) - 1)
			return syntax(ps, "quoted name too long");
		buf[n++] = c;
		ps->pos++;
	}
	ps->pos++; /* closing quote */
	*out = l2e__pool_strndup(ps->pool, buf, n);
	return *out ? 0 : L2E_ENOMEM;
}

static int bare(parser *ps, const char **out)
{
	size_t start = ps->pos;

	while (is_name_char(ps->text[ps->pos]))
		ps->pos++;
	if (ps->pos == start)
		return syntax(ps, "a name is expected here");
	*out = l2e__pool_strndup(ps->pool, ps->text + start, ps->pos - start);
	return *out ? 0 : L2E_ENOMEM;
}

static int bracket(parser *ps)
{
	l2e__step step;
	const char *t;
	int error;

	memset(&step, 0, sizeof(step));
	ps->pos++; /* [ */
	t = ps->text + ps->pos;
	if (*t == '*') {
		step.kind = L2E__STEP_ALL;
		ps->pos++;
	} else if (*t >= '0' && *t <= '9') {
		step.kind = L2E__STEP_INDEX;
		while (*t >= '0' && *t <= '9') {
			if (step.index > 100000000)
				return syntax(ps, "index too large");
			step.index = step.index * 10 + (size_t)(*t - '0');
			t++;
			ps->pos++;
		}
	} else if (*t == '\'') {
		step.kind = L2E__STEP_MEMBER;
		if ((error = quoted(ps, &step.name)) < 0)
			return error;
	} else {
		size_t start;

		step.kind = L2E__STEP_FILTER;
		if ((error = bare(ps, &step.name)) < 0)
			return error;
		if (ps->text[ps->pos] != '=')
			return syntax(
			    ps, "expected '=' in a [member=value] filter");
		ps->pos++;
		if (ps->text[ps->pos] == '\'') {
			if ((error = quoted(ps, &step.value)) < 0)
				return error;
		} else {
			start = ps->pos;
			while (ps->text[ps->pos] && ps->text[ps->pos] != ']')
				ps->pos++;
			step.value = l2e__pool_strndup(
			    ps->pool, ps->text + start, ps->pos - start);
			if (!step.value)
				return L2E_ENOMEM;
		}
	}
	if (ps->text[ps->pos] != ']')
		return syntax(ps, "expected ']'");
	ps->pos++;
	return add_step(ps, step);
}

/*
 * $parent, $parent.$parent, ...: one step up for each, at the start of
 * a path only; the cursor stops after the last.
 */
static int parents(parser *ps)
{
	l2e__step step;
	int error;

	memset(&step, 0, sizeof(step));
	step.kind = L2E__STEP_PARENT;
	for (;;) {
		if ((error = add_step(ps, step)) < 0)
			return error;
		ps->pos += 7;
		if (strncmp(ps->text + ps->pos, ".$parent", 8) != 0)
			return 0;
		ps->pos++;
	}
}

static int parse(l2e__path *out, l2e__pool *pool, const char *text,
                 size_t *err_at, const char **why, unsigned depth);

static int is_table_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/*
 * $lookup(table, path): the table's name, then the path of the id up to
 * the ')' that closes the '(' (quoted names may hold parentheses), which
 * is parsed as a path of its own.
 */
static int lookup(parser *ps)
{
	const char *t = ps->text;
	size_t start, end, at = 0;
	int level = 1, error;
	char *inner;
	l2e__path *by;
	l2e__step step;

	if (ps->depth >= L2E__PATH_MAX_LOOKUP_DEPTH)
		return syntax(ps, "$lookup( nested too deep (4 at most)");
	memset(&step, 0, sizeof(step));
	step.kind = L2E__STEP_LOOKUP;
	ps->pos += 8; /* $lookup( */
	start = ps->pos;
	while (is_table_char(t[ps->pos]))
		ps->pos++;
	if (ps->pos == start)
		return syntax(ps,
		              "$lookup( is followed by the name of a look-up "
		              "table: $lookup(table, path)");
	if (!(step.name =
	          l2e__pool_strndup(ps->pool, t + start, ps->pos - start)))
		return L2E_ENOMEM;
	if (t[ps->pos] != ',')
		return syntax(ps, "expected ',' and the path of the id: "
		                  "$lookup(table, path)");
	ps->pos++;
	while (t[ps->pos] == ' ')
		ps->pos++;
	for (end = ps->pos; t[end] && level; end++) {
		if (t[end] == '\'') {
			for (end++;
			     t[end] && (t[end] != '\'' || t[end + 1] == '\'');
			     end++)
				if (t[end] == '\'')
					end++;
			if (!t[end])
				break;
		} else if (t[end] == '(') {
			level++;
		} else if (t[end] == ')') {
			level--;
		}
	}
	if (level) {
		ps->pos = end;
		return syntax(ps, "$lookup( is never closed with ')'");
	}
	end--; /* the closing ')' */
	if (!(inner =
	          l2e__pool_strndup(ps->pool, t + ps->pos, end - ps->pos)) ||
	    !(by = l2e__pool_alloc(ps->pool, sizeof(*by))))
		return L2E_ENOMEM;
	error = parse(by, ps->pool, inner, &at, &ps->why, ps->depth + 1);
	if (error == L2E_EMAPPING)
		ps->pos += at;
	if (error < 0)
		return error;
	if (!*inner)
		return syntax(ps, "the path of the id is empty");
	step.by = by;
	ps->pos = end + 1;
	return add_step(ps, step);
}

int l2e__path_parse(l2e__path *out, l2e__pool *pool, const char *text,
                    size_t *err_at, const char **why)
{
	return parse(out, pool, text, err_at, why, 0);
}

static int parse(l2e__path *out, l2e__pool *pool, const char *text,
                 size_t *err_at, const char **why, unsigned depth)
{
	parser ps;
	l2e__step step;
	int error = 0;

	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	ps.pool = pool;
	ps.text = text;
	ps.depth = depth;
	out->text = text;

	if (strncmp(text, "$lookup(", 8) == 0) {
		if ((error = lookup(&ps)) < 0)
			goto finish;
	} else if (strncmp(text, "$parent", 7) == 0) {
		if ((error = parents(&ps)) < 0)
			goto finish;
	} else if (strncmp(text, "$record", 7) == 0) {
		out->base = L2E__PATH_RECORD;
		ps.pos = 7;
	} else if (strncmp(text, "$root", 5) == 0) {
		out->base = L2E__PATH_ROOT;
		ps.pos = 5;
	}
	if (ps.pos && text[ps.pos] && text[ps.pos] != '.' &&
	    text[ps.pos] != '[') {
		error = syntax(&ps, "expected '.' after $record, $root, "
		                    "$parent or $lookup(...)");
		goto finish;
	}
	if (strcmp(text + ps.pos, ".") == 0 || text[ps.pos] == '\0')
		goto finish;
	if (ps.pos && text[ps.pos] == '.')
		ps.pos++;
	if (text[ps.pos] == '.') {
		error = syntax(&ps, "a path does not start with '.'");
		goto finish;
	}
	while (!error && text[ps.pos]) {
		memset(&step, 0, sizeof(step));
		if (text[ps.pos] == '[') {
			error = bracket(&ps);
		} else {
			step.kind = L2E__STEP_MEMBER;
			error = bare(&ps, &step.name);
			if (!error)
				error = add_step(&ps, step);
		}
		while (!error && text[ps.pos] == '[')
			error = bracket(&ps);
		if (error)
			break;
		if (text[ps.pos] == '.') {
			ps.pos++;
			if (!text[ps.pos] || text[ps.pos] == '.')
				error =
				    syntax(&ps, "a name is expected after '.'");
		} else if (text[ps.pos]) {
			error = syntax(&ps, "unexpected character");
		}
	}
finish:
	if (error == L2E_EMAPPING) {
		*err_at = ps.pos;
		*why = ps.why;
		return error;
	}
	out->steps = ps.steps;
	out->n_steps = ps.n_steps;
	return error;
}

/* ==== Evaluation ==== */

static int text_is(const l2e__node *n, const char *value)
{
	return l2e__node_is_scalar(n) && strcmp(n->text, value) == 0;
}

/* Mark a node as read by the mapping (for coverage reports). */
static void mark(const l2e__node *n)
{
	if (n)
		((l2e__node *)n)->is_read = 1;
}

static int matches_filter(const l2e__node *n, const l2e__step *s)
{
	const l2e__node *m = l2e__node_member(n, s->name);

	mark(m);
	return text_is(m, s->value);
}

/*
 * One step up: the row or object that holds `n`, past the list `n` is
 * in. Never above the dossier record: a path must not wander into
 * other students' rows.
 */
static const l2e__node *up(const l2e__node *n, const l2e__node *record)
{
	if (n == record)
		return NULL;
	for (n = n->parent; n && n->kind == L2E__NODE_ARRAY; n = n->parent)
		if (n == record)
			return NULL;
	return n;
}

typedef struct walk {
	const l2e__path *path;
	l2e__path_cb cb;
	void *payload;
	const l2e__scope *scope;
} walk;

/* The entry of a $lookup step, from `n` where the path stands. */
static const l2e__node *looked_up(const walk *w, const l2e__step *s,
                                  const l2e__node *n)
{
	l2e__scope scope = *w->scope;
	const l2e__node *id;

	if (!scope.resolver)
		return NULL;
	scope.current = n;
	id = l2e__path_first(s->by, &scope);
	if (!id || !l2e__node_is_scalar(id) || !id->len)
		return NULL;
	return scope.resolver->find(scope.resolver, s->index, id);
}

/* Returns non-zero when the callback asked to stop. */
static int visit(const walk *w, size_t i, const l2e__node *n)
{
	const l2e__path *path = w->path;
	const l2e__node *record = w->scope->record;
	const l2e__step *s;
	const l2e__node *c;

	if (!n)
		return 0;
	if (i == path->n_steps) {
		mark(n);
		return w->cb(n, w->payload);
	}
	s = &path->steps[i];
	switch (s->kind) {
	case L2E__STEP_MEMBER:
		if (n->kind == L2E__NODE_ARRAY) {
			for (c = n->first; c; c = c->next)
				if (visit(w, i, c))
					return 1;
			return 0;
		}
		return visit(w, i + 1, l2e__node_member(n, s->name));
	case L2E__STEP_INDEX:
		if (n->kind != L2E__NODE_ARRAY)
			return 0;
		return visit(w, i + 1, l2e__node_child(n, s->index));
	case L2E__STEP_ALL:
		if (n->kind != L2E__NODE_ARRAY && n->kind != L2E__NODE_OBJECT)
			return 0;
		for (c = n->first; c; c = c->next)
			if (visit(w, i + 1, c))
				return 1;
		return 0;
	case L2E__STEP_PARENT: return visit(w, i + 1, up(n, record));
	case L2E__STEP_LOOKUP: return visit(w, i + 1, looked_up(w, s, n));
	case L2E__STEP_FILTER:
		if (n->kind == L2E__NODE_OBJECT)
			return matches_filter(n, s) ? visit(w, i + 1, n) : 0;
		if (n->kind != L2E__NODE_ARRAY)
			return 0;
		for (c = n->first; c; c = c->next)
			if (matches_filter(c, s) && visit(w, i + 1, c))
				return 1;
		return 0;
	}
	return 0;
}

static const l2e__node *start_of(const l2e__path *path, const l2e__scope *scope)
{
	switch (path->base) {
	case L2E__PATH_RECORD: return scope->record;
	case L2E__PATH_ROOT: return scope->root;
	default: return scope->current;
	}
}

void l2e__path_visit(const l2e__path *path, const l2e__scope *scope,
                     l2e__path_cb cb, void *payload)
{
	walk w;

	w.path = path;
	w.cb = cb;
	w.payload = payload;
	w.scope = scope;
	visit(&w, 0, start_of(path, scope));
}

static int take_first(const l2e__node *n, void *payload)
{
	*(const l2e__node **)payload = n;
	return 1;
}

const l2e__node *l2e__path_first(const l2e__path *path, const l2e__scope *scope)
{
	const l2e__node *n = start_of(path, scope), *found = NULL;
	size_t i;
	walk w;

	/* Most paths name members of objects, one after the other: those
	 * steps are taken here, as visit() would, without its recursion
	 * and callback (more than a quarter of the cost of the look-ups). */
	for (i = 0; n && i < path->n_steps; i++) {
		if (path->steps[i].kind != L2E__STEP_MEMBER ||
		    n->kind == L2E__NODE_ARRAY)
			break;
		n = l2e__node_member(n, path->steps[i].name);
	}
	if (!n)
		return NULL;
	if (i == path->n_steps) {
		mark(n);
		return n;
	}
	w.path = path;
	w.cb = take_first;
	w.payload = &found;
	w.scope = scope;
	visit(&w, i, n);
	return found;
}
