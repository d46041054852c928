#!/usr/bin/env bash
# Fuzzes one target for a given time:  tests/fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
# TARGET is lesson, scenario, progress or cli_args. Configures and builds the clang fuzz build
# in build/fuzz (override with FUZZ_BUILD=dir) when needed. The checked-in seeds in
# corpus/TARGET are copied to a working corpus in the build dir, so new inputs libFuzzer keeps
# do not land in the source tree; crashes go to FUZZ_BUILD/artifacts/TARGET/. To keep a crash:
# fix the bug, then copy the artifact into corpus/TARGET/ so fuzz.TARGET.replay guards it.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 TARGET SECONDS [libFuzzer flags...]   (TARGET: lesson scenario progress cli_args)" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$source_dir/build/fuzz}
seeds=$source_dir/tests/fuzz/corpus/$target
[[ -d $seeds ]] || { echo "$0: no corpus for '$target' ($seeds)" >&2; exit 2; }

if [[ ! -f $build/CMakeCache.txt ]]; then
  CXX=${CXX:-clang++-14} cmake -S "$source_dir" -B "$build" -G Ninja \
    -DSPLITBRAIN_FUZZ=ON -DSPLITBRAIN_GUI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
cmake --build "$build" --target "fuzz_$target"

work=$build/corpus/$target
artifacts=$build/artifacts/$target
mkdir -p "$work" "$artifacts"
cp -n "$seeds"/* "$work"/ 2>/dev/null || true
# The shipped lessons are seeds for the lesson target, read from lessons/ rather than copied.
if [[ $target == lesson ]]; then
  find "$source_dir/lessons" -name '*.json' -exec cp -n {} "$work"/ \;
fi

# -timeout: an input that runs for 30 s is a hang worth reporting; the lesson and scenario
# targets cap their own event budgets, so a healthy input takes milliseconds.
exec "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=30 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$work"
