/*
 * What the macros of kvd.h hand to USDT_WITH_SEMA: each argument converted
 * to the type kvd.d declares, whatever expression was passed, so that the
 * SDK can tell a string (char *) from an integer by the argument's type
 * (C11 _Generic, C++ overloads). USDT_WITH_SEMA is redefined here, after
 * the header, to print the type of each argument it gets; gen_test.py
 * compares the lines with the .d file's types.
 */
#include <stdarg.h>
#include <stdio.h>

#include "kvd.h"

#ifdef __cplusplus
#define T(t, s) inline const char *tn(t) { return s; }
T(char, "char") T(signed char, "signed char") T(unsigned char, "unsigned char")
T(short, "short") T(unsigned short, "unsigned short") T(int, "int")
T(unsigned int, "unsigned int") T(long, "long") T(unsigned long, "unsigned long")
T(long long, "long long") T(unsigned long long, "unsigned long long")
T(bool, "bool") T(char *, "char *") T(const char *, "const char *")
T(void *, "void *") T(const void *, "const void *") T(char **, "char **")
#undef T
#define TN(x) tn(x)
#else
#define TN(x) _Generic((x), \
	char: "char", signed char: "signed char", \
	unsigned char: "unsigned char", short: "short", \
	unsigned short: "unsigned short", int: "int", \
	unsigned int: "unsigned int", long: "long", \
	unsigned long: "unsigned long", long long: "long long", \
	unsigned long long: "unsigned long long", _Bool: "bool", \
	char *: "char *", const char *: "const char *", void *: "void *", \
	const void *: "const void *", char **: "char **")
#endif

static void show(const char *name, int n, ...);

#undef USDT_WITH_SEMA
/* The count of arguments after the probe's name picks as many types; the
 * trailing 0 keeps SHOW's "..." from being empty, which -pedantic forbids. */
#define USDT_WITH_SEMA(...) SHOW(__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, \
				 4, 3, 2, 1, 0, 0)
#define SHOW(g, name, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, \
	     n, ...) \
	show(#name, n, TN(a0), TN(a1), TN(a2), TN(a3), TN(a4), TN(a5), \
	     TN(a6), TN(a7), TN(a8), TN(a9), TN(a10), TN(a11))

static void show(const char *name, int n, ...)
{
	va_list ap;

	va_start(ap, n);
	printf("%s(", name);
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", va_arg(ap, const char *));
	printf(")\n");
	va_end(ap);
}

int main(int argc, char **argv)
{
	char peer[] = "127.0.0.1";
	char cmd[] = "GET";
	short fd = 3;
	unsigned char level = 4;

	(void)argc;
	/* arguments of other types than declared: char[], short, long... */
	KVD_CONN_ACCEPT(fd, peer);
	KVD_REQUEST_START(7L, cmd);
	KVD_REQUEST_DONE(fd, cmd, 1u, 2);
	KVD_IDLE();
	KVD_TICK();
	KVD_STATS(1, 2, 3, level, 5, 6, 7, 8, 9, peer, peer, argv);
	return 0;
}
