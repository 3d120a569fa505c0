#include "cli/strdist.h"

#include <string.h>

#define STRDIST_MAX 64

size_t strdist(const char *a, const char *b)
{
	size_t la = strnlen(a, STRDIST_MAX - 1), lb = strnlen(b, STRDIST_MAX - 1);
	size_t row[STRDIST_MAX];

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < cost)
				cost = up + 1;
			if (row[j - 1] + 1 < cost)
				cost = row[j - 1] + 1;
			row[j] = cost;
			diag = up;
		}
	}
	return row[lb];
}
