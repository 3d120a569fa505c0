provider p { probe b();
	probe x(); probe b_enabled(); };
