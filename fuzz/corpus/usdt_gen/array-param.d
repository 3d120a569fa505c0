provider kvd { probe a(char buf[16]); };
