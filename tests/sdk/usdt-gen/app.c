/*
 * Uses the headers usdt-gen makes from kvd.d and pgsql.d; gen_test.py reads
 * its notes with readelf and its probes with bpftrace. With --wait it waits
 * for a line on stdin first, so that bpftrace can attach.
 */
#include <stdio.h>
#include <string.h>

#include "kvd.h"
#include "pgsql.h"

int main(int argc, char **argv)
{
	char cmd[] = "GET";
	char line[16];

	if (argc > 1 && !strcmp(argv[1], "--wait") &&
	    !fgets(line, sizeof(line), stdin))
		return 1;
	KVD_CONN_ACCEPT(3, "127.0.0.1");
	if (KVD_REQUEST_START_ENABLED())
		KVD_REQUEST_START(7, cmd);
	KVD_REQUEST_DONE(7, "key", 123456789ULL, -2L);
	KVD_IDLE();
	KVD_TICK();
	KVD_STATS(1, 2, 3, -4, 5, -6, 7, 8, -9, NULL, argv, argv);
	POSTGRESQL_TRANSACTION_START(42u);
	POSTGRESQL_LWLOCK_ACQUIRE("WALWrite", 1);
	POSTGRESQL_BUFFER_READ_DONE(0, 17, 1663, 5, 16384, -1, 1);
	USDT(app, done);
	return 0;
}
