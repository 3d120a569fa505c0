#include "sink/jsonw.h"

#include <inttypes.h>
#include <string.h>

#include "decode/errtab.h"

void jsonw_bytes(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

void jsonw_string(FILE *out, const char *s)
{
	jsonw_bytes(out, s, strlen(s));
}

void jsonw_arg(FILE *out, const struct darg *a)
{
	switch (a->kind) {
	case DARG_INT:
		fprintf(out, "%" PRId64, (int64_t)a->value);
		break;
	case DARG_UINT:
		fprintf(out, "%" PRIu64, a->value);
		break;
	case DARG_HEX:
	case DARG_PTR: {
		/* addresses exceed a double's 53 bits: keep them exact as text */
		char buf[24];

		snprintf(buf, sizeof(buf), "%#" PRIx64, a->value);
		jsonw_string(out, a->value || a->kind == DARG_HEX ? buf : "NULL");
		break;
	}
	case DARG_SYM:
		jsonw_string(out, a->text);
		break;
	case DARG_STR:
		jsonw_bytes(out, a->text, a->len);
		break;
	}
}

void jsonw_result(FILE *out, const struct dcall *d)
{
	fputs("\"ret\":", out);
	switch (d->ret_kind) {
	case DRET_NONE:
		fputs("null,\"errno\":null", out);
		break;
	case DRET_ERR: {
		const char *name = errtab_name(d->err);

		fputs("-1,\"errno\":", out);
		if (name)
			jsonw_string(out, name);
		else
			fprintf(out, "%d", d->err);
		break;
	}
	default:
		fprintf(out, "%" PRId64 ",\"errno\":null", d->ret);
		break;
	}
}

/* An argument as its type says: strings as JSON strings, pointers as
 * "0x..." or "NULL", numbers as numbers, null when it was not readable. */
void jsonw_usdt_arg(FILE *out, const struct usdt_hit *h, int i, size_t max)
{
	const struct usdt_arg *a = &h->probe->args[i];
	bool str = (h->as_string >> i) & 1, ptr = str || a->type == USDT_TYPE_POINTER;
	char num[64];

	if (h->failed & (1u << i)) {
		fputs("null", out);
	} else if (ptr && !h->val[i]) {
		fputs("\"NULL\"", out);
	} else if (str && h->str[i]) {
		jsonw_bytes(out, h->str[i], h->str_len[i] > max ? max : h->str_len[i]);
	} else if (ptr) {
		fprintf(out, "\"0x%" PRIx64 "\"", h->val[i]);
	} else if (a->type == USDT_TYPE_FLOAT) {
		usdt_float_text(a, h->val[i], num, sizeof(num));
		/* inf and nan are no JSON numbers */
		fprintf(out, strpbrk(num, "in") ? "\"%s\"" : "%s", num);
	} else if (a->is_signed) {
		fprintf(out, "%" PRId64, (int64_t)h->val[i]);
	} else {
		fprintf(out, "%" PRIu64, h->val[i]);
	}
}

void jsonw_stack(FILE *out, const char *lines, size_t len)
{
	const char *end = lines + len;
	bool first = true;

	fputc('[', out);
	while (lines < end) {
		const char *nl = memchr(lines, '\n', (size_t)(end - lines));
		const char *stop = nl ? nl : end;

		/* " > " starts each line strace prints */
		if (stop - lines >= 3 && !memcmp(lines, " > ", 3))
			lines += 3;
		if (!first)
			fputc(',', out);
		jsonw_bytes(out, lines, (size_t)(stop - lines));
		first = false;
		lines = nl ? nl + 1 : end;
	}
	fputc(']', out);
}
