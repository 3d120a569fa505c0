/* usdt-gen's casts to these types carry them into the SDK's records. */
provider ltgen {
	probe request(int fd, char *cmd, const char *key, unsigned long long n, void *p);
};
