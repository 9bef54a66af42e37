#!/usr/bin/env bash
# The local engine against the Spark engine (local[2]) with the same options, end to end through the
# launcher: wall time, peak RSS and CPU per run (GNU time), load before and after, stage timings from
# summary.json. Usage: bench/spark.sh [ROWS ...]   (default: the real file only; e.g. 1000000 10000000)
# Results go to bench/target/spark/results.txt. Docs: docs/benchmarks.md, "Spark engine".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/target/spark"
mkdir -p "$work"
cd "$work"
R="$root/retailseg"
opts="--k 3 --restarts 2 --recommender segment-best-sellers --no-report --quiet"
log="$work/results.txt"
real="$root/../shared/data/online_retail.csv.gz"
inputs=()
[ -f "$real" ] && inputs+=("$real")
for rows in "$@"; do
  [ -f "lines$rows.csv" ] || "$R" generate --rows "$rows" --seed 42 --out "lines$rows.csv" > /dev/null
  inputs+=("$work/lines$rows.csv")
done
echo "start $(date -u) on $(nproc) cores" >> "$log"
for input in "${inputs[@]}"; do
  name=$(basename "$input")
  for engine in local spark; do
    out="out-$engine-$name"
    rm -rf "$out" "$out".2*
    extra=""
    [ "$engine" = spark ] && extra="--engine spark --master local[2]"
    echo "== $engine $name: retailseg run --input $name --out $out $opts $extra" >> "$log"
    echo "   load before: $(uptime)" >> "$log"
    /usr/bin/time -f "   wall %e s, peak RSS %M KB, user %U s, sys %S s" -a -o "$log" \
      "$R" run --input "$input" --out "$out" $opts $extra > "$out.stdout" 2> "$out.stderr" || true
    echo "   load after: $(uptime)" >> "$log"
    python3 -c "import json,sys; print('   timings_ms', json.load(open(sys.argv[1]))['timings_ms'])" \
      "$out/summary.json" >> "$log" 2>/dev/null || true
  done
done
