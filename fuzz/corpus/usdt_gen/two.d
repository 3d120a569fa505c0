provider net { probe rx(const struct sk_buff *skb, unsigned int len); probe tx(struct sk_buff *); };
provider disk {
	probe io__submit(volatile int * const, _Bool sync);
	probe io__done(enum io_kind kind, signed char prio, long long off);
};
