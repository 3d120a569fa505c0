provider ext {
	probe job__start(unsigned int id, const char *name);
	probe job__done(unsigned int id, long status);
};
