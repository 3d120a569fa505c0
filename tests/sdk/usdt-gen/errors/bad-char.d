// expect: 2:24: error: unexpected character '@'
provider kvd { probe a(@); };
