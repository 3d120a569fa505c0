// expect: 3:19: error: the macros of probe 'b_enabled' clash with those of probe 'b' (line 2): P_B_ENABLED and P_B
provider p { probe b();
	probe x(); probe b_enabled(); };
