// expect: 4:5: error: probe 'big' has more than 12 arguments
provider kvd {
	probe big(int, int, int, int, int, int, int, int, int, int, int, int,
		  int, int);
};
