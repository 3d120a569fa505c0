#include "cli/values.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int value_ulong(const char *s, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoul(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

int value_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	/* strtoull takes blanks and a sign, and "-1" as its largest number */
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	if (*end == 'K' || *end == 'k') {
		if (v > (ULLONG_MAX >> 10))
			return -ERANGE;
		v <<= 10, end++;
	} else if (*end == 'M' || *end == 'm') {
		if (v > (ULLONG_MAX >> 20))
			return -ERANGE;
		v <<= 20, end++;
	}
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

/* strace's column names (count.c's aliases), shared by -S and -U. */
static const struct {
	const char *name;
	enum summary_column col;
} column_names[] = {
	{ "time", COL_PERCENT }, { "time_percent", COL_PERCENT }, { "time-percent", COL_PERCENT },
	{ "time_total", COL_TOTAL }, { "time-total", COL_TOTAL },
	{ "total_time", COL_TOTAL }, { "total-time", COL_TOTAL },
	{ "min_time", COL_MIN }, { "min-time", COL_MIN }, { "shortest", COL_MIN },
	{ "time_min", COL_MIN }, { "time-min", COL_MIN },
	{ "longest", COL_MAX }, { "max_time", COL_MAX }, { "max-time", COL_MAX },
	{ "time_max", COL_MAX }, { "time-max", COL_MAX },
	{ "avg_time", COL_AVG }, { "avg-time", COL_AVG }, { "time_avg", COL_AVG },
	{ "time-avg", COL_AVG },
	{ "calls", COL_CALLS }, { "count", COL_CALLS },
	{ "error", COL_ERRORS }, { "errors", COL_ERRORS },
	{ "name", COL_NAME }, { "syscall", COL_NAME }, { "syscall_name", COL_NAME },
	{ "syscall-name", COL_NAME },
	{ "none", COL_NONE }, { "nothing", COL_NONE },
};

static int column_of(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(column_names) / sizeof(column_names[0]); i++)
		if (strlen(column_names[i].name) == len && !strncmp(column_names[i].name, s, len))
			return column_names[i].col;
	return -1;
}

int value_sort(const char *s, enum sort_key *out)
{
	static const enum sort_key by_column[COL_COUNT] = {
		[COL_NONE] = SORT_NOTHING, [COL_PERCENT] = SORT_TIME, [COL_TOTAL] = SORT_TIME,
		[COL_MIN] = SORT_MIN_TIME, [COL_MAX] = SORT_MAX_TIME, [COL_AVG] = SORT_AVG_TIME,
		[COL_CALLS] = SORT_CALLS, [COL_ERRORS] = SORT_ERRORS, [COL_NAME] = SORT_NAME,
	};
	int col = column_of(s, strlen(s));

	if (col < 0)
		return -EINVAL;
	*out = by_column[col];
	return 0;
}

int value_columns(const char *s, uint8_t out[COL_COUNT])
{
	bool seen[COL_COUNT] = { false };
	size_t n = 0;

	memset(out, COL_NONE, COL_COUNT);
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		int col = column_of(s, len);

		/* as strace: each column once, "none" is no column */
		if (col <= COL_NONE || seen[col] || n + 1 >= COL_COUNT)
			return -EINVAL;
		seen[col] = true;
		out[n++] = (uint8_t)col;
		if (!comma)
			break;
		s = comma + 1;
	}
	if (!seen[COL_NAME])
		out[n++] = COL_NAME;
	return 0;
}

int value_duration(const char *s, uint64_t *ns)
{
	static const struct {
		const char *unit;
		double scale;
	} units[] = {
		{ "", 1e3 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 },
	};
	char *end;
	double v;

	if (!isdigit((unsigned char)*s) && *s != '.')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (!strcmp(end, units[i].unit)) {
			if (v * units[i].scale >= 1.8e19)
				return -EINVAL;
			*ns = (uint64_t)(v * units[i].scale + 0.5);
			return 0;
		}
	}
	return -EINVAL;
}
