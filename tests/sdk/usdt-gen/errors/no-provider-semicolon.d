// expect: 3:1: error: expected ';' after the provider's '}', found 'provider'
provider a { }
provider b { };
