/* The functions of sim.c, the unit built "with libbpf's usdt.h". */
#ifndef LBSIM_H
#define LBSIM_H

#ifdef __cplusplus
extern "C" {
#endif

int sim_sees_sim_defined(void);
int sim_sees_ours_defined(void);
int sim_sees_shared(void);
void sim_fire(void);
int nop_probe_site(int x);

#ifdef __cplusplus
}
#endif

#endif
