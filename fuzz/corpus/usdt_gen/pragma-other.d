#pragma once
provider kvd { };
