#define F(x) int
provider kvd { probe a(F(1)); };
