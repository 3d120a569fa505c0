#include <lotrace/usdt.h>

#include "ext_probes.h"

int main(int argc, char **argv)
{
	(void)argv;
	USDT(ext, main_entry, argc);
	if (EXT_JOB_START_ENABLED())
		EXT_JOB_START(1u, "build");
	EXT_JOB_DONE(1u, -1L);
	return 0;
}
