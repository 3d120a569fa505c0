// expect: 2:24: error: 'void' must be the only parameter
provider kvd { probe a(void, int); };
