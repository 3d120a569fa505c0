/*
 * kvd.d - the probes of kvd, the key-value daemon of lotrace's probes-demo.
 *
 * usdt-gen(1) turns this file into kvd_probes.h at build time: one typed
 * KVD_NAME(...) macro and one KVD_NAME_ENABLED() test per probe. The notes
 * keep the names as written here (kvd:request__start); lotrace -u also
 * accepts kvd:request-start.
 *
 * Strings are NUL-terminated and valid only during the probe. Every
 * argument stays in a register or on the stack (no globals), so that
 * bpftrace 0.17, which cannot read sym(%rip) operands, reads them all.
 */
provider kvd {
	/* a client connected; transport is "tcp" or "unix", peer is
	 * "127.0.0.1:PORT" or "pid:PID" */
	probe conn__accept(int fd, const char *transport, const char *peer);
	/* the connection is being closed after serving requests requests */
	probe conn__close(int fd, unsigned long long requests,
			  unsigned long long lifetime_ns);

	/* one line of the protocol; op is "GET", "SET", "DEL", "STATS" or
	 * "BAD", key is "" when the request has none */
	probe request__start(int fd, const char *op, const char *key);
	/* the reply is ready (after the fsync that made a SET or DEL
	 * durable); status is 0 (done), 1 (key not found) or -1 (error) */
	probe request__done(int fd, const char *op, const char *key,
			    unsigned long long latency_ns, int status);

	/* the append-only log: bytes written since the last fsync */
	probe fsync__start(int fd, unsigned long long bytes);
	/* ret is 0 or -errno */
	probe fsync__done(int fd, int ret, unsigned long long latency_ns);

	/* after each fsync, the shape of the hash table: a walk of every
	 * bucket, done only while this probe is traced */
	probe store__summary(unsigned long long keys, const char *summary);
};
