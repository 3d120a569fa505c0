provider kvd {
	probe big(int, int, int, int, int, int, int, int, int, int, int, int,
		  int, int);
};
