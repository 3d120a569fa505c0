// expect: 2:1: error: expected 'provider', found 'probes'
probes kvd { };
