#!/usr/bin/env bash
# Runs clang-tidy (the checked-in .clang-tidy) over the project's own sources (core/, widgets/, app/):
#   tests/tidy.sh [BUILD_DIR]      (default build/ci; needs its compile_commands.json)
# Exits non-zero when clang-tidy reports anything.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$source_dir/build/ci}
[[ -f $build/compile_commands.json ]] || { echo "$0: no $build/compile_commands.json (configure first)" >&2; exit 2; }
tidy=${CLANG_TIDY:-$(command -v clang-tidy-14 || command -v clang-tidy)}
mapfile -t files < <(cd "$source_dir" && find core widgets app -name '*.cpp' | sort)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# -quiet drops the "N warnings generated" chatter; one job per core.
printf '%s\n' "${files[@]/#/$source_dir/}" |
  xargs -P "$(nproc)" -n 4 "$tidy" -p "$build" --quiet 2>/dev/null >"$log" || true
if grep -q 'warning:\|error:' "$log"; then
  cat "$log"
  echo "tidy: $(grep -c 'warning:\|error:' "$log") findings" >&2
  exit 1
fi
echo "tidy: ${#files[@]} files in core/, widgets/ and app/, clean"
