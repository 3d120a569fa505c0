provider kvd {
	probe request__start();
	probe request_start();
};
