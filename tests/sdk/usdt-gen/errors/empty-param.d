// expect: 2:29: error: expected a parameter type
provider kvd { probe a(int, ); };
