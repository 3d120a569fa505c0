// expect: 2:2: error: unsupported directive '#include' (run the file through cpp first)
#include <stdint.h>
provider kvd { probe a(); };
