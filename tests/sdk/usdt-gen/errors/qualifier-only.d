// expect: 2:24: error: parameter has qualifiers but no type
provider kvd { probe a(const); };
