// expect: 3:1: error: expected ';' after the probe declaration, found '}'
provider kvd { probe a(int)
};
