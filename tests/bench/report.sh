#!/usr/bin/env bash
# Runs the benchmarks that DESIGN.md §7 budgets and prints, from this one run, a summary table,
# the frame time of every shipped lesson, and issue 21's four done-when ratios:
#   tests/bench/report.sh [BUILD_DIR]          (default build/release)
# `cmake --preset release && cmake --build --preset release --target bench` builds the release
# preset and runs this. The raw output of each benchmark is kept in BUILD_DIR/bench-results/.
# Benchmarks report numbers; this script never fails because a number is over its budget (only
# because a benchmark could not run).
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$source_dir/build/release}" && pwd)
out=$build/bench-results
mkdir -p "$out"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

rows=()
row() { rows+=("$1|$2|$3"); }  # what | measured | budget
lessons=()  # per-lesson frame rows: what | wall p99 | CPU p99
done_when=()  # issue 21: what | measured | budget | within it?
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { if (v == "" || v + 0 <= 0) print "not measured"; else if (v + 0 <= max + 0) print "yes"; else print "no" }'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# One Google Benchmark figure: bench_value BINARY FILTER COLUMN. COLUMN is a CSV header
# (real_time, or a counter such as events/s). Prints the value of the first matching row.
bench_value() {
  local bin=$1 filter=$2 column=$3 csv=$out/$(basename "$1")-${2//[^A-Za-z0-9]/_}.csv
  "$bin" --benchmark_filter="$filter" --benchmark_format=csv >"$csv" 2>"$csv.stderr"
  awk -F, -v col="$column" '
    /^name,/ { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); if ($i == col) c = i } next }
    c && NF > 1 { print $c; exit }' "$csv"
}
human() { awk -v v="$1" 'BEGIN { if (v >= 1e6) printf "%.2f M", v / 1e6; else printf "%.0f", v }'; }

bin=$build/tests/bench
if [[ -x $bin/raft_bench ]]; then
  v=$(bench_value "$bin/raft_bench" '^raftIdleEventsPerSecond/5$' events/s)
  row "Raft 5 nodes, headless kernel" "$(human "$v") events/s" ">= 1.00 M events/s"
  v=$(bench_value "$bin/raft_bench" '^raftWriteEventsPerSecond$' events/s)
  row "Raft 5 nodes with client writes" "$(human "$v") events/s" "(no budget)"
fi
v=$(bench_value "$bin/kernel_bench" '^kernelEventsPerSecond/5$' events/s)
row "Ping 5 nodes, headless kernel" "$(human "$v") events/s" "(no budget)"
v=$(bench_value "$bin/kernel_bench" '^timelineRecordEventsPerSecond$' events/s)
row "Timeline recording (ping, 5 nodes)" "$(human "$v") events/s" "(no budget)"
v=$(bench_value "$bin/kernel_bench" '^seekInto100kTrace$' real_time)
row "Seek to a random event of a 100k trace" "$(awk -v v="$v" 'BEGIN { printf "%.3f ms", v / 1000 }')" "< 16 ms"
if [[ -x $bin/hashring_bench ]]; then
  v=$(bench_value "$bin/hashring_bench" '^BM_RecomputeAfterAdd/1$' real_time)
  row "Hash ring: recompute 1,000,000 keys after a join" "$(printf '%.1f ms' "$v")" "< 100 ms (issue goal)"
  v=$(bench_value "$bin/hashring_bench" '^BM_ModelAddNodeMillionKeys/1$' real_time)
  row "Hash ring model: add a node, 1,000,000 keys" "$(printf '%.1f ms' "$v")" "(no budget)"
fi
if [[ -x $bin/growth_bench ]]; then
  # Linear growth: the cost per unit at the small and the large end, and their ratio.
  flat() { awk -v a="$1" -v b="$2" -v u="$3" 'BEGIN { printf "%.3g -> %.3g %s, %.2fx", a, b, u, b / a }'; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a }'; }
  a=$(bench_value "$bin/growth_bench" '^capCpRunPerSimSecond/10$' ms_per_sim_s)
  b=$(bench_value "$bin/growth_bench" '^capCpRunPerSimSecond/160$' ms_per_sim_s)
  row "CAP CP run, 10 s -> 160 s: cost per sim. second" "$(flat "$a" "$b" ms)" "flat (<= 1.5x)"
  r=$(ratio "$a" "$b")
  done_when+=("CP run cost per simulated second, 10 s -> 160 s|${r}x ($(flat "$a" "$b" ms | cut -d, -f1))|<= 1.5x|$(verdict "$r" 1.5)")
  a=$(bench_value "$bin/growth_bench" '^sessionLoadPerAction/4096$' us_per_action)
  b=$(bench_value "$bin/growth_bench" '^sessionLoadPerAction/65536$' us_per_action)
  row "Session load, 4k -> 64k actions: cost per action" "$(flat "$a" "$b" us)" "flat (<= 1.5x)"
  r=$(ratio "$a" "$b")
  done_when+=("Load time per action, 4k -> 64k actions|${r}x ($(flat "$a" "$b" us | cut -d, -f1))|flat (<= 1.5x)|$(verdict "$r" 1.5)")
  v=$(bench_value "$bin/growth_bench" '^capCpRunPerSimSecond/80$' real_time)
  row "CAP CP run of 80 simulated seconds" "$(printf '%.0f ms' "$v")" "(no budget)"
  v=$(bench_value "$bin/growth_bench" '^sessionLoadPerAction/32768$' real_time)
  row "Session load, 32k actions" "$(printf '%.0f ms' "$v")" "(no budget)"
fi
if [[ -x $bin/lesson_memory_bench ]]; then
  kb=$("$bin/lesson_memory_bench" | awk '$1 == "vm_hwm_kb" { print $2 }')
  n=$("$bin/lesson_memory_bench" | awk '$1 == "lessons_loaded" { print $2 }')
  row "Peak memory, all $n lessons loaded and started" "$(awk -v k="$kb" 'BEGIN { printf "%.1f MB", k / 1024 }')" "< 150 MB"
fi
soak=$build/tests/core/core_sim_tests
if [[ -x $soak ]]; then
  # The bounded-history soak test: 10M Raft events through a timeline with the default limits.
  "$soak" "[soak]" -s >"$out/soak.txt" 2>&1 || true
  mb=$(sed -n 's/.*after 10M more events \([0-9]*\) MB.*/\1/p' "$out/soak.txt" | head -n 1)
  row "Peak memory, 10M Raft events on a timeline" "${mb:-did not run} MB" "bounded (flat after warm-up)"
fi

widgets=$build/tests/widgets
if [[ -x $widgets/widgets_first_paint_bench ]]; then
  # Whole process to first paint: the app and a bare QMainWindow program, started alternately.
  # The ratio is the median of the pairs' ratios (each pair run back to back), not of the medians.
  pairs=${FIRST_PAINT_RUNS:-15}
  FIRST_PAINT_RUNS=$pairs "$widgets/widgets_first_paint_bench" >"$out/first_paint.txt" 2>&1 || true
  v=$(sed -n 's/.*Splitbrain first paint: \([0-9.]*\) ms (\([0-9.]*\)x the bare window.*/\2x (medians: \1 ms/p' "$out/first_paint.txt")
  b=$(sed -n 's/.*bare QMainWindow: \([0-9.]*\) ms.*/\1 ms/p' "$out/first_paint.txt")
  row "First paint, whole process, vs a bare QMainWindow" "${v:-did not run}, bare ${b:-?}; $pairs pairs)" "<= 2x"
  v=$(sed -n 's/.*CPU time to first paint.*: bare \([0-9.]*\) ms, Splitbrain \([0-9.]*\) ms (\([0-9.]*\)x.*/\2 ms, \3x (bare \1 ms)/p' "$out/first_paint.txt")
  row "First paint, CPU time of the process, vs bare" "${v:-did not run}" "<= 2x"
  r=$(sed -n 's/.*Splitbrain first paint: [0-9.]* ms (\([0-9.]*\)x the bare window.*/\1/p' "$out/first_paint.txt")
  c=$(sed -n 's/.*CPU time to first paint.*Splitbrain [0-9.]* ms (\([0-9.]*\)x.*/\1/p' "$out/first_paint.txt")
  done_when+=("First paint vs a bare window, whole process|${r:-?}x (CPU time ${c:-?}x)|<= 2x|$(verdict "$r" 2)")
  v=$(sed -n 's/.*menus, tool bars and status bar painted (its second frame): \([0-9.]*\) ms (\([0-9.]*\)x.*/\1 ms, \2x/p' "$out/first_paint.txt")
  row "Menus and tool bars painted (second frame)" "${v:-did not run}" "(no budget)"
  v=$(sed -n 's/.*workspace complete (catalog and docks): \([0-9.]*\) ms (\([0-9.]*\)x.*/\1 ms, \2x/p' "$out/first_paint.txt")
  row "Workspace complete (catalog, docks), whole process" "${v:-did not run}" "(no budget)"
fi
if [[ -x $widgets/widgets_startup_bench ]]; then
  "$widgets/widgets_startup_bench" >"$out/startup.txt" 2>&1 || true
  ratio=$(sed -n 's/.*Splitbrain workspace: \([0-9.]*\) ms (\([0-9.]*\)x the cold.*/\1 ms, \2x/p' "$out/startup.txt")
  row "First frame in process (construct, show, render)" "${ratio:-did not run} " "(whole process above)"
  v=$(sed -n 's/.*loading the lesson catalog (\([0-9]*\) lessons), about \([0-9.]*\) ms.*/\2 ms, \1 lessons/p' "$out/startup.txt")
  row "Loading the lesson catalog (structure only)" "${v:-did not run}" "(no budget)"
fi
if [[ -x $widgets/widgets_frame_bench ]]; then
  "$widgets/widgets_frame_bench" >"$out/frame.txt" 2>&1 || true
  # One row per measured scene: the benchmark prints "row<TAB>what<TAB>wall p99<TAB>CPU p99".
  # Wall time includes waiting for a core when the machine is shared; CPU time is the frame's own.
  while IFS=$'\t' read -r _ what p99 cpu; do
    row "Frame time p99, $what" "$p99 ms (CPU ${cpu:-?} ms)" "< 4 ms"
  done < <(grep $'^row\t' "$out/frame.txt")
  while IFS=$'\t' read -r _ what p99 cpu; do lessons+=("$what|$p99|$cpu"); done < <(grep $'^lesson\t' "$out/frame.txt")
  if ((${#lessons[@]})); then
    n=${#lessons[@]}
    under=$(printf '%s\n' "${lessons[@]}" | awk -F'|' '$2 < 4 { k++ } END { print k + 0 }')
    under_cpu=$(printf '%s\n' "${lessons[@]}" | awk -F'|' '$3 < 4 { k++ } END { print k + 0 }')
    worst=$(printf '%s\n' "${lessons[@]}" | sort -t'|' -k2 -g | tail -n 1)
    worst_cpu=$(printf '%s\n' "${lessons[@]}" | sort -t'|' -k3 -g | tail -n 1)
    ok=$( ((under == n)) && echo yes || echo no)
    done_when+=("Frame p99 at every lesson's busiest moment|$under of $n under 4 ms ($under_cpu of $n by CPU time); worst: $(cut -d'|' -f1 <<<"$worst"), $(cut -d'|' -f2 <<<"$worst") ms; by CPU: $(cut -d'|' -f1 <<<"$worst_cpu"), $(cut -d'|' -f3 <<<"$worst_cpu") ms|< 4 ms each|$ok")
  fi
fi

# One markdown table: table TITLE HEADER... -- ROW... (each row's cells separated by '|').
table() {
  local title=$1; shift
  local heads=() cells
  while [[ $1 != -- ]]; do heads+=("$1"); shift; done
  shift
  printf '\n%s\n\n|' "$title"
  printf ' %s |' "${heads[@]}"
  printf '\n|'
  printf -- '---|%.0s' "${heads[@]}"
  printf '\n'
  for r in "$@"; do
    IFS='|' read -r -a cells <<<"$r"
    printf '|'
    printf ' %s |' "${cells[@]}"
    printf '\n'
  done
}

printf '\nSplitbrain benchmarks, one run (%s, %s cores; load average %s at the start, %s at the end)\n' \
  "$(uname -m)" "$(nproc)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'Wall times include waiting for a core when the machine is shared; the CPU times do not.\n'
table "Against the DESIGN.md §7 budgets" measure measured budget -- "${rows[@]}"
if ((${#lessons[@]})); then
  table "Frame time p99 at each shipped lesson's busiest moment (300 frames at 640x520, offscreen)" \
    "lesson, moment" "p99 (ms)" "CPU p99 (ms)" -- "${lessons[@]}"
fi
if ((${#done_when[@]})); then
  table "Issue 21, done when (measured in this run)" measure measured budget "within budget" -- "${done_when[@]}"
fi
printf '\nRaw results: %s\n' "$out"
