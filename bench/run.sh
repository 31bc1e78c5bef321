#!/usr/bin/env bash
# Builds and runs the nemo-bot load benchmark (see bench/README.md). Not part of the default build.
#   bench/run.sh            full run (N = 1, 100, 500, 1000 + comparisons + 500 MB upload), ~10-12 min
#   bench/run.sh --quick    short run (~2 min)
#   bench/run.sh --help     every option
# Results: printed, and written to bench/results.md (bench/results-quick.md for --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  # The shaded jar replaces the module's own: left in place, the next shading would keep its stale classes.
  rm -f bench/target/*.jar
  ./mvnw -B -q -Pbench -pl bench -am package -DskipTests
fi
args=("$@")
out=()
if [[ " ${args[*]-} " == *" --quick "* && " ${args[*]-} " != *" --out "* ]]; then
  out=(--out bench/results-quick.md)
fi
exec java -Xmx1g \
  -Dbench.command="bench/run.sh ${args[*]-}" \
  -Dbench.commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  -Dbench.load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
  -jar bench/target/nemo-bench.jar "${args[@]}" "${out[@]}"
