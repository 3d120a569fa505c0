// expect: 2:32: error: array parameters are not supported; declare a pointer
provider kvd { probe a(char buf[16]); };
