# bench/table.awk: turns run.sh's records into its markdown tables.
#
# Input, tab-separated, one record a line:
#   meta  WL LABEL KIND PER_UNIT
#   run   WL TRACER ROUND SIZE VALUE LOST CPU_NS RSS_KIB COUNT LOST_PCT USER_NS SYS_NS
#   sweep TRACER STEP N ELAPSED_NS LOST CPU_NS RSS_KIB  (STEP: calls/s, max, maxK;
#         one record per run, several runs per step)
# A slowdown or an added cost is computed within one round, against that
# round's untraced run of the same size; each figure is then the median
# (min–max) over the rounds. Written for mawk: no asort, no gensub.

BEGIN {
	FS = "\t"
	ncol = split("strace perf_trace lotrace lotrace_c perf_record floor", column, " ")
	name["strace"] = "strace"
	name["perf_trace"] = "perf trace"
	name["lotrace"] = "lotrace"
	name["lotrace_c"] = "lotrace -c"
	name["perf_record"] = "perf record"
	name["floor"] = "floor"
}

$1 == "meta" {
	order[++nwl] = $2
	label[$2] = $3
	kind[$2] = $4
	per_unit[$2] = $5
}

$1 == "run" {
	k = $2 SUBSEP $3 SUBSEP $4
	size[k] = $5
	value[k] = $6
	lost[k] = $7
	cpu[k] = $8
	rss[k] = $9
	ucpu[k] = $12
	scpu[k] = $13
	if ($11 + 0 > lost_pct[$2, $3] + 0)
		lost_pct[$2, $3] = $11
	seen[$2, $3] = 1
	if ($3 == "untraced") {
		ref[$2, $4, $5] = $6
		if ($5 + 0 > big[$2] + 0)
			big[$2] = $5
		if (small[$2] == "" || $5 + 0 < small[$2] + 0)
			small[$2] = $5
	}
	if ($3 == "floor" && $10 != "-" && $10 != "" && $6 != "fail")
		counted[$2, ++ncounted[$2]] = $10 / units($2, $5)
}

$1 == "sweep" {
	sk = $2 SUBSEP $3
	if (!(sk in sw_runs))
		steps[$2, ++nsteps[$2]] = $3
	n = ++sw_runs[sk]
	sw_n[sk, n] = $4
	sw_elapsed[sk, n] = $5
	sw_lost[sk, n] = $6
	sw_cpu[sk, n] = $7
}

# ---- statistics ------------------------------------------------------------

# Iterations in a run of this size: an attached (pid) workload's size is its
# window, but its times and counts are already per transaction.
function units(wl, size) {
	return kind[wl] == "pid" ? 1 : size
}

# Sorts a[1..n] in place (n is small: one entry per round).
function sort(a, n,    i, j, x) {
	for (i = 2; i <= n; i++) {
		x = a[i]
		for (j = i - 1; j >= 1 && a[j] > x; j--)
			a[j + 1] = a[j]
		a[j + 1] = x
	}
}

# Sets MED, MIN and MAX of a[1..n].
function stats(a, n) {
	sort(a, n)
	MIN = a[1]
	MAX = a[n]
	MED = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

# Syscalls per unit of size: fixed by the workload, or counted by the floor.
function syscalls_per_unit(wl,    a, i) {
	if (per_unit[wl] != "count")
		return per_unit[wl]
	if (!ncounted[wl])
		return 0
	for (i = 1; i <= ncounted[wl]; i++)
		a[i] = counted[wl, i]
	stats(a, ncounted[wl])
	return MED
}

# ---- formatting ------------------------------------------------------------

function fmt_time(ns,    a) {
	a = ns < 0 ? -ns : ns
	if (a < 1e3)
		return sprintf("%.0f ns", ns)
	if (a < 1e6)
		return sprintf("%.3g µs", ns / 1e3)
	if (a < 1e9)
		return sprintf("%.3g ms", ns / 1e6)
	return sprintf("%.3g s", ns / 1e9)
}

function fmt_ratio(x) {
	if (x < 10)
		return sprintf("%.2f", x)
	if (x < 100)
		return sprintf("%.1f", x)
	return sprintf("%.0f", x)
}

function fmt_count(n) {
	if (n >= 1e6)
		return sprintf("%.3gM", n / 1e6)
	if (n >= 1e4)
		return sprintf("%.0fk", n / 1e3)
	return sprintf("%.0f", n)
}

function fmt_rate(r) {
	if (r >= 1e6)
		return sprintf("%.2fM/s", r / 1e6)
	return sprintf("%.0fk/s", r / 1e3)
}

function fmt_ns(x) {
	return sprintf("%+.0f", x)
}

# ---- cells -----------------------------------------------------------------

# Slowdown and added ns per syscall of tracer t on workload wl; for the
# start-up row, the tracer's whole run time.
function tracer_cell(wl, t,    cell) {
	cell = tracer_figures(wl, t)
	if (lost_pct[wl, t] > 0)
		cell = cell ", lost up to " lost_pct[wl, t] "%"
	return cell
}

# Fills whole[], ratio[] and added[] (when the syscalls are known) with
# tracer t's figures on workload wl, one per round against that round's
# untraced run of the same size; returns how many, or -1 if a run failed.
function round_figures(wl, t, whole, ratio, added,    r, k, u, n, spu) {
	spu = syscalls_per_unit(wl)
	n = 0
	for (r = 1; r <= rounds; r++) {
		k = wl SUBSEP t SUBSEP r
		if (!(k in value))
			continue
		u = ref[wl, r, size[k]]
		if (value[k] == "fail" || u == "" || u == "fail")
			return -1
		n++
		whole[n] = value[k]
		ratio[n] = value[k] / u
		if (spu > 0)
			added[n] = (value[k] - u) / (spu * units(wl, size[k]))
	}
	return n
}

function tracer_figures(wl, t,    n, ratio, added, whole, cell) {
	if (!seen[wl, t])
		return "n/a"
	n = round_figures(wl, t, whole, ratio, added)
	if (n < 0)
		return "failed"
	if (!n)
		return "n/a"
	if (kind[wl] == "startup") {
		stats(whole, n)
		return fmt_time(MED) " (" fmt_time(MIN) "–" fmt_time(MAX) ")"
	}
	stats(ratio, n)
	cell = "×" fmt_ratio(MED) " (" fmt_ratio(MIN) "–" fmt_ratio(MAX) ")"
	if (syscalls_per_unit(wl) <= 0)
		return cell ", n/a ns"
	stats(added, n)
	return cell ", " fmt_ns(MED) " ns (" fmt_ns(MIN) "…" fmt_ns(MAX) ")"
}

function untraced_cell(wl,    r, u, n, a, per) {
	n = 0
	for (r = 1; r <= rounds; r++) {
		u = ref[wl, r, big[wl]]
		if (u == "")
			continue
		if (u == "fail")
			return "failed"
		a[++n] = u
	}
	if (!n)
		return "n/a"
	stats(a, n)
	per = kind[wl] == "pid" ? "/txn" : ""
	return fmt_time(MED) per " (" fmt_time(MIN) "–" fmt_time(MAX) ")"
}

function syscalls_cell(wl,    spu, cell) {
	spu = syscalls_per_unit(wl)
	if (spu <= 0)
		return "n/a"
	if (kind[wl] == "pid")
		return sprintf("%.1f/txn", spu)
	cell = fmt_count(spu * big[wl])
	if (small[wl] != big[wl])
		cell = cell " (" fmt_count(spu * small[wl]) ")"
	return cell
}

# Median events lost per run, with the worst run when any were lost.
function lost_one(wl, t,    r, k, n, a) {
	n = 0
	for (r = 1; r <= rounds; r++) {
		k = wl SUBSEP t SUBSEP r
		if (k in lost && value[k] != "fail")
			a[++n] = lost[k]
	}
	if (!n)
		return "n/a"
	stats(a, n)
	return MAX > 0 ? sprintf("%d (max %d)", MED, MAX) : "0"
}

function lost_cell(wl) {
	return lost_one(wl, "perf_trace") " / " lost_one(wl, "lotrace") " / " \
		lost_one(wl, "lotrace_c")
}

# lotrace's own CPU time and peak RSS, medians over the rounds.
function usage_one(wl, t,    r, k, n, c, m, cell) {
	n = 0
	for (r = 1; r <= rounds; r++) {
		k = wl SUBSEP t SUBSEP r
		if (!(k in cpu) || value[k] == "fail")
			continue
		n++
		c[n] = cpu[k]
		m[n] = rss[k]
	}
	if (!n)
		return "n/a"
	stats(c, n)
	# /proc/PID/stat counts CPU time in clock ticks.
	cell = MED > 0 ? fmt_time(MED) : "<10 ms"
	stats(m, n)
	return cell ", " sprintf("%.1f MiB", MED / 1024)
}

function usage_cell(wl) {
	return usage_one(wl, "lotrace") " / " usage_one(wl, "lotrace_c")
}

# ---- tables ----------------------------------------------------------------

function main_table(    i, j, wl, line) {
	line = "| workload | syscalls | untraced"
	for (j = 1; j <= ncol; j++)
		line = line " | " name[column[j]]
	print line " | lost: perf trace / lotrace / lotrace -c | lotrace CPU, peak RSS: text / -c |"
	line = "|---|---:|---:"
	for (j = 1; j <= ncol; j++)
		line = line "|---:"
	print line "|---:|---:|"
	for (i = 1; i <= nwl; i++) {
		wl = order[i]
		line = "| " label[wl] " | " syscalls_cell(wl) " | " untraced_cell(wl)
		for (j = 1; j <= ncol; j++)
			line = line " | " tracer_cell(wl, column[j])
		print line " | " lost_cell(wl) " | " usage_cell(wl) " |"
	}
}

# Sets RATE (median achieved calls/s), LOST (median), LOST_MAX, LOSSY (runs
# that lost), CPU (median ns) and PERCALL (median CPU ns per call) of t at step;
# returns "" or why there is no figure.
function sweep_stats(t, step,    sk, i, runs, rate, lost, cpu, percall) {
	sk = t SUBSEP step
	runs = sw_runs[sk]
	if (!runs)
		return "n/a"
	LOSSY = 0
	for (i = 1; i <= runs; i++) {
		if (sw_elapsed[sk, i] == "fail")
			return "failed"
		rate[i] = sw_n[sk, i] / sw_elapsed[sk, i] * 1e9
		lost[i] = sw_lost[sk, i]
		cpu[i] = sw_cpu[sk, i]
		percall[i] = sw_cpu[sk, i] / sw_n[sk, i]
		if (lost[i] > 0)
			LOSSY++
	}
	stats(rate, runs); RATE = MED
	stats(lost, runs); LOST = MED; LOST_MAX = MAX
	stats(cpu, runs); CPU = MED
	stats(percall, runs); PERCALL = MED
	return ""
}

function sweep_cell(t, step,    why) {
	why = sweep_stats(t, step)
	if (why != "")
		return why
	return fmt_rate(RATE) ", " sprintf("%d", LOST) " lost (" LOSSY "/" sw_runs[t, step] \
		" runs lost), CPU " (CPU > 0 ? fmt_time(CPU) " (" fmt_time(PERCALL) "/call)" : "<10 ms")
}

# The lowest median achieved rate of a step in which any run of t lost.
function first_loss(t,    i, why, best, top) {
	if (!nsteps[t])
		return "n/a"
	best = ""
	top = 0
	for (i = 1; i <= nsteps[t]; i++) {
		why = sweep_stats(t, steps[t, i])
		if (why != "")
			return why
		if (RATE > top)
			top = RATE
		if (LOSSY && (best == "" || RATE < best))
			best = RATE
	}
	return best == "" ? "none up to " fmt_rate(top) : fmt_rate(best)
}

function sweep_table(    t, i, step, line) {
	t = nsteps["lotrace"] ? "lotrace" : "lotrace_c"
	print "| getppid paced at | lotrace (text to /dev/null) | lotrace -c |"
	print "|---|---:|---:|"
	if (!nsteps[t])
		print "| any rate | n/a | n/a |"
	for (i = 1; i <= nsteps[t]; i++) {
		step = steps[t, i]
		if (step == "max")
			line = "| unpaced, 1 loop"
		else if (step ~ /^max[0-9]+$/)
			line = "| unpaced, " substr(step, 4) " loops"
		else
			line = "| " fmt_rate(step)
		print line " | " sweep_cell("lotrace", step) " | " sweep_cell("lotrace_c", step) " |"
	}
	print "| **first loss** | " first_loss("lotrace") " | " first_loss("lotrace_c") " |"
}

# ---- issue 20's targets -----------------------------------------------------
# Each target is checked from this run's medians and printed as one line,
# "target: WHAT: measured FIGURES, VERDICT". A verdict is HOLDS, MISSED, or
# NOT MEASURED when a figure is missing (a tracer not installed, a failed
# run, a floor too small to divide by in a smoke run).

# The rows whose added cost and lotrace CPU are held to the targets.
function target_rows() {
	return split("dd getppid rw", TROW, " ")
}

function short_name(wl) {
	return wl == "rw" ? "write+read" : wl
}

# Median added ns per syscall of t on wl, or "" without a figure.
function added_median(wl, t,    n, ratio, added, whole) {
	if (!seen[wl, t] || syscalls_per_unit(wl) <= 0)
		return ""
	n = round_figures(wl, t, whole, ratio, added)
	if (n <= 0)
		return ""
	stats(added, n)
	return MED
}

# Median of t's whole run time on wl (the start-up row), or "".
function whole_median(wl, t,    n, ratio, added, whole) {
	if (!seen[wl, t])
		return ""
	n = round_figures(wl, t, whole, ratio, added)
	if (n <= 0)
		return ""
	stats(whole, n)
	return MED
}

# Median CPU time (of cpu[], or ucpu[]/scpu[] with which "user"/"sys") of
# t's runs on wl, or "".
function cpu_median(wl, t, which,    r, k, n, a) {
	n = 0
	for (r = 1; r <= rounds; r++) {
		k = wl SUBSEP t SUBSEP r
		if (!(k in cpu) || value[k] == "fail" || cpu[k] <= 0)
			continue
		a[++n] = which == "user" ? ucpu[k] : which == "sys" ? scpu[k] : cpu[k]
	}
	if (!n)
		return ""
	stats(a, n)
	return MED
}

# Median of t's own CPU ns per traced syscall on wl (which: "", "user" or
# "sys"), less the start-up row's median (loading the BPF program, reading
# formats: start-up has its own target), or "". Sets PERCALL_BASE to what
# was taken off, in ns ("" when the start-up row did not run).
function cpu_per_syscall(wl, t, which,    r, k, n, a, spu, base) {
	spu = syscalls_per_unit(wl)
	if (!seen[wl, t] || spu <= 0 || kind[wl] != "cmd")
		return ""
	base = cpu_median("startup", t, which)
	PERCALL_BASE = base
	n = 0
	for (r = 1; r <= rounds; r++) {
		k = wl SUBSEP t SUBSEP r
		if (!(k in cpu) || value[k] == "fail" || cpu[k] <= 0)
			continue
		a[++n] = ((which == "user" ? ucpu[k] : which == "sys" ? scpu[k] : cpu[k]) - base) \
			/ (spu * units(wl, size[k]))
	}
	if (!n)
		return ""
	stats(a, n)
	return MED
}

# Folds one figure's check into VERDICT: MISSED wins over NOT MEASURED,
# which wins over HOLDS.
function judge(ok) {
	if (ok == "")
		VERDICT = VERDICT == "MISSED" ? "MISSED" : "NOT MEASURED"
	else if (!ok)
		VERDICT = "MISSED"
}

# Tracer t's added cost against the floor's, at most limit times.
function target_vs_floor(t, what, limit,    i, wl, x, f, line) {
	VERDICT = "HOLDS"
	line = ""
	for (i = 1; i <= target_rows(); i++) {
		wl = TROW[i]
		x = added_median(wl, t)
		f = added_median(wl, "floor")
		line = line (i > 1 ? "; " : "") short_name(wl) " "
		if (x == "" || f == "" || f <= 0) {
			line = line "n/a"
			judge("")
			continue
		}
		line = line "×" sprintf("%.2f", x / f) " (" fmt_ns(x) " ns against " fmt_ns(f) " ns)"
		judge(x / f <= limit)
	}
	printf "target: %s added cost per syscall at most %s× the floor's: measured %s, %s\n",
		what, limit, line, VERDICT
}

function target_cpu(    i, wl, x, u, y, line, base) {
	VERDICT = "HOLDS"
	line = ""
	for (i = 1; i <= target_rows(); i++) {
		wl = TROW[i]
		x = cpu_per_syscall(wl, "lotrace", "")
		base = PERCALL_BASE
		u = cpu_per_syscall(wl, "lotrace", "user")
		y = cpu_per_syscall(wl, "lotrace", "sys")
		line = line (i > 1 ? "; " : "") short_name(wl) " "
		if (x == "") {
			line = line "n/a"
			judge("")
			continue
		}
		line = line sprintf("%.0f ns (user %.0f, system %.0f)", x, u, y)
		judge(x <= 100)
	}
	printf "target: lotrace's own CPU per traced syscall in text mode at most 100 ns (utime+stime, %s): measured %s, %s\n",
		base == "" ? "start-up not measured, so included" : "less the " fmt_time(base) " of `lotrace -- true`",
		line, VERDICT
}

function target_startup(    x, s, p) {
	VERDICT = "HOLDS"
	x = whole_median("startup", "lotrace")
	s = whole_median("startup", "strace")
	p = whole_median("startup", "perf_trace")
	judge(x == "" ? "" : x <= 15e6)
	printf "target: start-up of `lotrace -- true` at most 15 ms (median): measured %s (strace %s, perf trace %s), %s\n",
		x == "" ? "n/a" : fmt_time(x), s == "" ? "n/a" : fmt_time(s),
		p == "" ? "n/a" : fmt_time(p), VERDICT
}

# The highest VmHWM of any text-mode run, on any row.
function target_rss(    i, r, k, wl, peak, where) {
	VERDICT = "HOLDS"
	peak = -1
	for (i = 1; i <= nwl; i++) {
		wl = order[i]
		for (r = 1; r <= rounds; r++) {
			k = wl SUBSEP "lotrace" SUBSEP r
			if (!(k in rss) || value[k] == "fail" || rss[k] + 0 <= peak)
				continue
			peak = rss[k] + 0
			where = short_name(wl)
		}
	}
	judge(peak <= 0 ? "" : peak <= 32 * 1024)
	printf "target: lotrace's peak RSS in text mode at most 32 MiB (highest VmHWM of any run): measured %s, %s\n",
		peak <= 0 ? "n/a" : sprintf("%.1f MiB (%s)", peak / 1024, where), VERDICT
}

function target_filtered(    x, s) {
	VERDICT = "HOLDS"
	x = added_median("filtered", "lotrace")
	s = added_median("filtered", "strace")
	judge(x == "" || s == "" ? "" : x <= s)
	printf "target: a syscall outside `-e trace=openat` costs at most what it costs under `strace --seccomp-bpf`: measured %s against %s, %s\n",
		x == "" ? "n/a" : fmt_ns(x) " ns", s == "" ? "n/a" : fmt_ns(s) " ns", VERDICT
}

# Two and four unpaced loops, lotrace in text mode: nothing lost.
function target_loss(    i, step, why, line) {
	VERDICT = "HOLDS"
	line = ""
	for (i = 2; i <= 4; i += 2) {
		step = "max" i
		why = sweep_stats("lotrace", step)
		line = line (i > 2 ? "; " : "") i " loops "
		if (why != "") {
			line = line why
			judge("")
			continue
		}
		line = line sprintf("%s, %d lost (%d/%d runs lost, worst %d)", fmt_rate(RATE), LOST,
			LOSSY, sw_runs["lotrace", step], LOST_MAX)
		judge(!LOSSY)
	}
	printf "target: nothing lost in text mode with 2 and 4 unpaced getppid loops at default buffers: measured %s, %s\n",
		line, VERDICT
}

function targets() {
	target_vs_floor("lotrace", "text mode's (`-f -o`)", 2)
	target_vs_floor("lotrace_c", "`-c`'s", 1.3)
	target_cpu()
	target_startup()
	target_rss()
	target_filtered()
	target_loss()
}

END {
	printf "lotrace bench: %s; median (min–max) of %d interleaved round(s)\n\n", machine, rounds
	main_table()
	print ""
	print "Loss sweep: lotrace alone with its default buffers; getppid loops paced to each rate;"
	print "achieved rate, lost events and lotrace's CPU time are medians of the runs"
	print ""
	sweep_table()
	print ""
	print "Issue 20's targets, from this run's medians (dd, getppid, write+read rows):"
	print ""
	targets()
}
