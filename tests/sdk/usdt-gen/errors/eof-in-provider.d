// expect: 4:1: error: expected 'probe' or '}', found end of file
provider kvd { probe a();

