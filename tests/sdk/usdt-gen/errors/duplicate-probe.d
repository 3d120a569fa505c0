// expect: 4:8: error: probe 'start' is already declared at line 3
provider kvd {
	probe start(int);
	probe start(long);
};
