// expect: 4:8: error: the macros of probe 'request_start' clash with those of probe 'request__start' (line 3): KVD_REQUEST_START and KVD_REQUEST_START
provider kvd {
	probe request__start();
	probe request_start();
};
