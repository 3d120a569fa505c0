// expect: 2:9: error: only '#pragma D' is accepted
#pragma once
provider kvd { };
