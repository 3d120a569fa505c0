/* proto: kvd's line protocol, one request per line, shared by the server
 * and by the log replay (the log's records are protocol lines):
 *
 *	GET key			VALUE value | NOTFOUND
 *	SET key value		OK		(value: the rest of the line)
 *	DEL key			DELETED | NOTFOUND
 *	STATS			STATS name=count ...
 *	anything else		ERR reason
 *
 * Keys are 1 to PROTO_KEY_MAX bytes without spaces or control characters;
 * values are 1 to PROTO_VALUE_MAX bytes without control characters. */
#ifndef KVD_PROTO_H
#define KVD_PROTO_H

#define PROTO_KEY_MAX 64
#define PROTO_VALUE_MAX 1024
/* The longest valid request line, "SET key value" and its "\r\n". */
#define PROTO_LINE_MAX (4 + PROTO_KEY_MAX + 1 + PROTO_VALUE_MAX + 2)

enum proto_op { PROTO_GET, PROTO_SET, PROTO_DEL, PROTO_STATS, PROTO_BAD };
#define PROTO_NOPS (PROTO_BAD + 1)

struct proto_request {
	enum proto_op op;
	const char *name;	/* "GET" ... "BAD", static */
	const char *key;	/* "" when the request has none */
	const char *value;	/* SET only, else NULL */
	const char *error;	/* PROTO_BAD only: why, static */
};

/* Split one line (without its "\n"; a trailing "\r" is dropped) in place
 * into req. Never fails: a malformed line is a PROTO_BAD request. */
void proto_parse(char *line, struct proto_request *req);

/* "GET" ... "BAD" */
const char *proto_op_name(enum proto_op op);

#endif
