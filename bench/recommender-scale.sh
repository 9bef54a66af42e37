#!/usr/bin/env bash
# Catalogue scale of the recommenders (issue 11, part 4; docs/benchmarks.md "Catalogue scale"): for each
# generated file and each recommender kind, one JVM (-Xmx$HEAP, default 4g) runs
# io.retailseg.bench.RecommenderScaleBench under /usr/bin/time -v, so the peak RSS is that recommender's
# alone. Prints a paste-ready Markdown table on stdout (every run, not only the best); progress on stderr.
#
#   bench/recommender-scale.sh                          # both sizes below, RUNS=2, every kind
#   KINDS="hybrid ease" RUNS=1 SIZES=small bench/recommender-scale.sh
#
# Sizes (products customers-population rows), generated with seed 42 into $GEN_DIR (default /tmp/retailseg-scale)
# when missing, and left there (delete them yourself: the large one is 1.6 GB):
#   small  5,000 products, population 100,000, 2,000,000 rows
#   large 50,000 products, population 1,000,000, 20,000,000 rows
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen_dir="${GEN_DIR:-/tmp/retailseg-scale}"
runs="${RUNS:-2}"
heap="${HEAP:-4g}"
kinds="${KINDS:-segment-best-sellers co-purchase ease als hybrid}"
sizes="${SIZES:-small large}"
sample="${SAMPLE:-100000}"
jar="${JAR:-$root/bench/target/benchmarks.jar}"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -o -q package -DskipTests -pl core,bench >&2)
mkdir -p "$gen_dir"
work="$(mktemp -d /tmp/retailseg-scale-run-XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "| size | recommender | run | lines | customers | products | clean s | catalogue + baskets s | training s (CPU s) | recommend s, sample (CPU s) | recommend all s (extrapolated) | peak RSS MB | live after fit MB | state MB | digest |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for size in $sizes; do
  case "$size" in
    small) products=5000; population=100000; rows=2000000 ;;
    large) products=50000; population=1000000; rows=20000000 ;;
    *) echo "unknown size $size" >&2; exit 2 ;;
  esac
  file="$gen_dir/p${products}-c${population}-r${rows}.csv"
  if [ ! -f "$file" ]; then
    echo "bench: generating $file" >&2
    "$root/retailseg" generate --rows "$rows" --products "$products" --customers "$population" --out "$file" >&2
  fi
  for kind in $kinds; do
    for run in $(seq "$runs"); do
      echo "bench: $size $kind (run $run of $runs)" >&2
      /usr/bin/time -v -o "$work/time.txt" java "-Xmx$heap" -cp "$jar" io.retailseg.bench.RecommenderScaleBench \
        "$file" "$kind" "$sample" >"$work/out.txt" 2>"$work/err.txt" \
        || { echo "bench: failed: $size $kind" >&2; tail -5 "$work/err.txt" >&2; cat "$work/time.txt" >&2; continue; }
      rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time.txt")
      cat "$work/out.txt" >&2
      python3 - "$size" "$run" "$rss" "$work/out.txt" <<'PY'
import sys
size, run, rss, out = sys.argv[1:5]
kv = dict(p.split('=', 1) for p in open(out).read().split())
sample = kv['recommend_sample']
print(f"| {size} | {kv['kind']} | {run} | {int(kv['lines']):,} | {int(kv['customers']):,} | {int(kv['products']):,} |"
      f" {kv['clean_s']} | {kv['catalogue_baskets_s']} | {kv['train_s']} ({kv['train_cpu_s']}) |"
      f" {kv['recommend_sample_s']}, {int(sample):,} ({kv['recommend_sample_cpu_s']}) |"
      f" {kv['recommend_all_s_extrapolated']} | {int(rss):,} | {int(kv['live_after_fit_mb']):,} | {kv['state_mb']} | {kv['digest']} |")
PY
    done
  done
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average at the end $(cut -d' ' -f1 /proc/loadavg) (shared with other engineers' builds when above ~0.1)."
