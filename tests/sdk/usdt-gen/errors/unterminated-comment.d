// expect: 2:16: error: unterminated comment
provider kvd { /* no end
	probe a();
};
