// SPDX-License-Identifier: MIT
/* proto: parse kvd's request lines, see proto.h. */
#include "proto.h"

#include <stdbool.h>
#include <string.h>

static const struct {
	const char *name;
	int nargs;		/* 0: none, 1: key, 2: key and value */
} ops[PROTO_NOPS] = {
	[PROTO_GET] = { "GET", 1 },
	[PROTO_SET] = { "SET", 2 },
	[PROTO_DEL] = { "DEL", 1 },
	[PROTO_STATS] = { "STATS", 0 },
	[PROTO_BAD] = { "BAD", 0 },
};

const char *proto_op_name(enum proto_op op)
{
	return ops[op < PROTO_NOPS ? op : PROTO_BAD].name;
}

static bool is_ctl(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* Cut the word at *p off with a NUL and move *p past it and one space. */
static char *word(char **p)
{
	char *w = *p, *sp = strchr(w, ' ');

	if (sp) {
		*sp = '\0';
		*p = sp + 1;
	} else {
		*p = w + strlen(w);
	}
	return w;
}

static bool has_ctl(const char *s)
{
	for (; *s; s++)
		if (is_ctl(*s))
			return true;
	return false;
}

/* NULL if the arguments at p suit op, else why not. */
static const char *parse_args(char *p, int nargs, struct proto_request *req)
{
	char *key;

	if (nargs == 0)
		return *p ? "no arguments expected" : NULL;
	key = word(&p);
	if (!*key || strlen(key) > PROTO_KEY_MAX)
		return "key must be 1 to " STR(PROTO_KEY_MAX) " bytes";
	if (has_ctl(key))
		return "control character in key";
	req->key = key;
	if (nargs == 1)
		return *p ? "one key expected" : NULL;
	if (!*p || strlen(p) > PROTO_VALUE_MAX)
		return "value must be 1 to " STR(PROTO_VALUE_MAX) " bytes";
	if (has_ctl(p))
		return "control character in value";
	req->value = p;
	return NULL;
}

void proto_parse(char *line, struct proto_request *req)
{
	size_t len = strlen(line);
	char *p = line, *verb;
	const char *error = "unknown command";
	int op;

	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	verb = word(&p);
	for (op = 0; op < PROTO_BAD; op++)
		if (!strcmp(verb, ops[op].name))
			break;
	*req = (struct proto_request){ .op = op, .name = ops[op].name, .key = "" };
	if (op != PROTO_BAD && !(error = parse_args(p, ops[op].nargs, req)))
		return;
	*req = (struct proto_request){
		.op = PROTO_BAD, .name = ops[PROTO_BAD].name, .key = "", .error = error,
	};
}
