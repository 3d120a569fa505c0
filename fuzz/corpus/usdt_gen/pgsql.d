/* Type names that are typedefs in the program, spelled out for the probes. */
#define LocalTransactionId unsigned int
#define LWLockMode int
#define Oid unsigned int
#define ForkNumber int
#define BlockNumber unsigned int
#define bool unsigned char

provider postgresql {
	probe transaction__start(LocalTransactionId);
	probe transaction__commit(LocalTransactionId);
	probe lwlock__acquire(const char *, LWLockMode);
	probe query__start(const char *);
	probe buffer__read__done(ForkNumber, BlockNumber, Oid, Oid, Oid, int, bool);
	probe checkpoint__done(int, int, int, int, int);
};
