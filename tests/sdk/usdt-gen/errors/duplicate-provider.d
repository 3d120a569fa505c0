// expect: 3:10: error: provider 'kvd' is already defined at line 2
provider kvd { probe a(); };
provider kvd { probe b(); };
