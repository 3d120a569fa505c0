/* closer: close file descriptors whose last close is slow, in the
 * background. Closing a syscall tracepoint's last perf event or BPF link
 * waits for an RCU-tasks grace period (45-85 ms here, one after another);
 * a grandchild that holds nothing else takes the last references, so
 * lotrace itself exits at once. */
#ifndef LOTRACE_CLOSER_H
#define LOTRACE_CLOSER_H

/* Hand fds[0..n-1] to a background grandchild, which keeps only those.
 * The caller then closes its own copies (quickly: they are not the last)
 * and calls closer_end with the returned handle; the grandchild closes
 * its copies after that and exits. Returns -1 when it could not start:
 * the caller's closes are then the slow ones, nothing else changes. */
int closer_begin(const int *fds, int n);
void closer_end(int handle);

#endif
