// expect: 2:10: error: function-like macros are not supported
#define F(x) int
provider kvd { probe a(F(1)); };
