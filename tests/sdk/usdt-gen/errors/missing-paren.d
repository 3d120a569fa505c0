// expect: 2:24: error: expected '(' after the probe name, found ';'
provider kvd { probe a ; };
