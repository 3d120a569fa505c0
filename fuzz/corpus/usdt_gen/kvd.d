/*
 * kvd.d - probes of a small key-value daemon, the example of usdt-gen(1).
 */
#pragma D attributes Evolving/Evolving/Common provider kvd provider

provider kvd {
	/* a connection was accepted: fd, peer address */
	probe conn__accept(int fd, const char *peer);
	probe request__start(int, char *);	// fd, command
	probe request__done(int fd, const char *key, unsigned long long ns,
			    long status);
	probe idle();
	probe tick(void);
	probe stats(uint64_t hits, uint64_t misses, uint32_t keys,
		    int8_t level, unsigned char flags, short delta,
		    unsigned short port, size_t bytes, ssize_t ret,
		    void *ctx, const void *key, char **argv);
};
