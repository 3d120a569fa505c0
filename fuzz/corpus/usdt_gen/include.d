#include <stdint.h>
provider kvd { probe a(); };
