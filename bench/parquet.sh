#!/usr/bin/env bash
# Does Parquet input beat CSV for the local engine? Runs `retailseg run --k 3 --no-report` on the same
# lines as plain CSV, gzip CSV and Parquet: the real file (when present) and GEN_ROWS generated lines
# (default 10 M, seed 42). For each input: best wall time of RUNS (default 3) including JVM start, its
# ingest stage (`timings_ms.ingest` of summary.json), peak RSS (/usr/bin/time -v) and the file size.
# Prints paste-ready Markdown on stdout; progress on stderr.
#
#   bench/parquet.sh
#   GEN_DIR=/work/data RUNS=5 GEN_ROWS=1000000 bench/parquet.sh
#   ONLY=parquet bench/parquet.sh      # only the inputs whose name matches (grep -E)
#
# Inputs are taken from $GEN_DIR when present, else written there: genN.csv (`retailseg generate`),
# genN.csv.gz (gzip -6), genN.parquet (`retailseg generate --format parquet`, the same lines), and the
# real file as real.csv (gunzip) and real.parquet (bench ToParquet: the lines as the CSV reader reads
# them). The runs go through ./retailseg, so its JIT choice applies (C1 only under ~150 MB of CSV text,
# Parquet counted as 12x its size).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
real="$shared/data/online_retail.csv.gz"
gen_dir="${GEN_DIR:-/work/data}"
runs="${RUNS:-3}"
rows="${GEN_ROWS:-10000000}"
work="$(mktemp -d /tmp/retailseg-parquet-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"
./retailseg --version >/dev/null   # builds the jar if needed, outside the timings
[ -f bench/target/benchmarks.jar ] && [ -z "$(find parquet/src core/src/main -newer bench/target/benchmarks.jar -type f -print -quit)" ] \
  || ./mvnw -B -q -DskipTests -pl bench -am package >&2
mkdir -p "$gen_dir"

inputs=()
if [ -f "$real" ]; then
  [ -f "$gen_dir/real.csv" ] || gunzip -c "$real" >"$gen_dir/real.csv"
  [ -f "$gen_dir/real.parquet" ] || java -cp bench/target/benchmarks.jar io.retailseg.bench.ToParquet "$real" "$gen_dir/real.parquet" >&2
  inputs+=("$gen_dir/real.csv" "$real" "$gen_dir/real.parquet")
else
  echo "bench: $real not found: real file skipped" >&2
fi
name="gen$rows"
[ -f "$gen_dir/$name.csv" ] || ./retailseg generate --rows "$rows" --seed 42 --out "$gen_dir/$name.csv" >&2
[ -f "$gen_dir/$name.csv.gz" ] || gzip -6 -c "$gen_dir/$name.csv" >"$gen_dir/$name.csv.gz"
[ -f "$gen_dir/$name.parquet" ] || ./retailseg generate --rows "$rows" --seed 42 --format parquet --out "$gen_dir/$name.parquet" >&2
inputs+=("$gen_dir/$name.csv" "$gen_dir/$name.csv.gz" "$gen_dir/$name.parquet")

echo "| input | bytes | best wall s | its ingest s | ingest s, all runs | peak RSS MB |"
echo "|---|---:|---:|---:|---|---:|"
for input in "${inputs[@]}"; do
  [ -z "${ONLY:-}" ] || basename "$input" | grep -qE "$ONLY" || continue
  best_wall="" best_ingest="" best_rss="" all=""
  for i in $(seq "$runs"); do
    echo "bench: $input (run $i of $runs; $(uptime | sed 's/.*load/load/'))" >&2
    rm -rf "$work/out"
    /usr/bin/time -v -o "$work/time.txt" ./retailseg run --input "$input" --out "$work/out" --k 3 --no-report --quiet \
      >"$work/stdout.txt" 2>"$work/stderr.txt" || { echo "bench: failed on $input" >&2; tail -5 "$work/stderr.txt" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time.txt")
    ingest=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings_ms']['ingest'] / 1000)" "$work/out/summary.json")
    all="$all ${ingest}"
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      best_wall=$wall; best_ingest=$ingest; best_rss=$rss
    fi
  done
  echo "| $(basename "$input") | $(stat -c %s "$input") | $best_wall | $best_ingest |$all | $best_rss |"
done
echo
echo "Load while measuring (uptime at the end): $(uptime | sed 's/.*load/load/')"
