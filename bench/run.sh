#!/usr/bin/env bash
# Reproduces the end-to-end tables of docs/benchmarks.md: retailseg beside the reference script on the
# real file (same machine, same session), DuckDB's SQL peer for clean + the 15 features (issue 15), then generated files of 1 M and 10 M lines (100 M with
# --with-100m), with wall time including JVM start, time per stage (summary.json), peak RSS
# (/usr/bin/time -v) and the scaling exponent (least-squares slope of log time against log lines).
# Prints paste-ready Markdown on stdout; what it is doing goes to stderr.
#
#   bench/run.sh                    # real file (best of RUNS=3) + 1 M + 10 M generated lines
#   bench/run.sh --with-100m        # also 100 M lines (about 8 GB of CSV, several minutes)
#   bench/run.sh --real-only        # the real file only (DuckDB peer, retailseg, reference)
#   GEN_DIR=/work/data RUNS=5 bench/run.sh
#   PEER_RUNS=8: alternated runs of DuckDbPeer duckdb / retailseg (best and median of each)
#
# Generated files are taken from $GEN_DIR (gen1m.csv, gen10m.csv, gen100m.csv) when present, else
# written there with `retailseg generate` (seed 42). Needs GNU time, python3, and for the reference
# Debian's python3-pandas and python3-sklearn.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
real="$shared/data/online_retail.csv.gz"
reference="$shared/reference/notebook_reference.py"
gen_dir="${GEN_DIR:-/work/data}"
runs="${RUNS:-3}"
peer_runs="${PEER_RUNS:-8}"
gen_k="${GEN_K:-auto}"
sizes="1000000 10000000"
for arg in "$@"; do
  case "$arg" in
    --with-100m) sizes="$sizes 100000000" ;;
    --real-only) sizes="" ;;
    *) echo "usage: bench/run.sh [--with-100m | --real-only]" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/retailseg-run-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"
./retailseg --version >/dev/null   # builds the jar if needed, outside the timings
bench_jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$root/pom.xml" "$root"/core/src/main "$root"/bench/src/main "$root"/bench/pom.xml -newer "$bench_jar" -type f -print -quit)" ]; then
  echo "bench: building bench/target/benchmarks.jar" >&2
  ./mvnw -B -q -DskipTests -pl bench -am package >&2
fi

# measure LABEL OUTDIR RUNS command... -> appends "label wall_s rss_mb outdir" to $work/results
measure() {
  local label="$1" out="$2" n="$3"; shift 3
  local best_wall="" best_rss=""
  for i in $(seq "$n"); do
    echo "bench: $label (run $i of $n)" >&2
    rm -rf "$out.try"
    /usr/bin/time -v -o "$work/time.txt" "${@/OUT/$out.try}" >"$work/stdout.txt" 2>"$work/stderr.txt" \
      || { echo "bench: failed: $*" >&2; tail -5 "$work/stderr.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time.txt")
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      # a copy of the run folder, not the link: the next run into $out.try deletes the runs it replaced
      best_wall=$wall; best_rss=$rss; rm -rf "$out"; if [ -e "$out.try" ]; then cp -rL "$out.try" "$out"; fi
      cp "$work/stdout.txt" "$out.stdout"
    fi
  done
  echo "$label|$best_wall|$best_rss|$out" >>"$work/results"
}

: >"$work/results"
if [ -f "$real" ]; then
  # Target 4: clean + the 15 features from the .csv.gz, retailseg beside DuckDB's SQL (bench DuckDbPeer),
  # after checking that both compute the same features (exit 1 and the first difference otherwise).
  # Both JVMs with the launcher's options for a file of this size (C1 only, the serial collector).
  peer=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$bench_jar" io.retailseg.bench.DuckDbPeer)
  echo "bench: DuckDbPeer check" >&2
  "${peer[@]}" check "$real" >&2 || { echo "bench: DuckDB's features differ from retailseg's: no comparison" >&2; exit 1; }
  # Alternated, PEER_RUNS times each (each run is about a second, and a best of runs taken back to back
  # drifts with the machine): every run's in-process ms and wall time, then best and median of each.
  : >"$work/peer"
  for i in $(seq "$peer_runs"); do
    for engine in duckdb retailseg; do
      echo "bench: features $engine (run $i of $peer_runs)" >&2
      /usr/bin/time -f "%e %M" -o "$work/time.txt" "${peer[@]}" "$engine" "$real" >"$work/stdout.txt"
      ms=$(sed 's/.* ms=\([0-9]*\).*/\1/' "$work/stdout.txt")
      echo "$engine $ms $(cat "$work/time.txt")" >>"$work/peer"
    done
  done
  measure "retailseg run --k 3" "$work/k3" "$runs" ./retailseg run --input "$real" --out OUT --k 3 --quiet
  # like for like: the reference script draws no chart, so also without report.html
  measure "retailseg run --k 3 --no-report" "$work/k3nr" "$runs" ./retailseg run --input "$real" --out OUT --k 3 --quiet --no-report
  measure "retailseg run --k auto" "$work/auto" "$runs" ./retailseg run --input "$real" --out OUT --quiet
  if /usr/bin/python3 -c 'import sklearn, pandas' 2>/dev/null; then
    measure "reference notebook_reference.py" "$work/ref" "$runs" /usr/bin/python3 "$reference" "$real" OUT
  else
    echo "bench: python3-sklearn/pandas missing: reference skipped" >&2
  fi
fi
for rows in $sizes; do
  case "$rows" in 1000000) name=gen1m ;; 10000000) name=gen10m ;; 100000000) name=gen100m ;; *) name=gen$rows ;; esac
  file="$gen_dir/$name.csv"
  if [ ! -f "$file" ]; then
    echo "bench: generating $file" >&2
    ./retailseg generate --rows "$rows" --out "$file" >&2
  fi
  n=1; [ "$rows" -le 1000000 ] && n="$runs"
  measure "generated $rows" "$work/$name" "$n" ./retailseg run --input "$file" --out OUT --k "$gen_k" --quiet
done

/usr/bin/python3 - "$work/results" "$runs" "$gen_k" "$work/peer" <<'PY'
import json, math, os, statistics, sys
rows = [l.rstrip('\n').split('|') for l in open(sys.argv[1]) if l.strip()]
runs, gen_k = sys.argv[2], sys.argv[3]
peer = {}
if os.path.exists(sys.argv[4]):
    for l in open(sys.argv[4]):
        engine, ms, wall, rss_kb = l.split()
        peer.setdefault(engine, []).append((int(ms), float(wall), int(rss_kb) // 1024))
res = {r[0]: (float(r[1]), int(r[2]), r[3]) for r in rows}
def summary(out):
    return json.load(open(os.path.join(out, 'summary.json')))
print(f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB;"
      f" load average at the end {os.getloadavg()[0]:.2f} (above ~0.1 means the machine was shared).\n")
ref = res.get('reference notebook_reference.py')
if 'duckdb' in peer and 'retailseg' in peer:
    d, o = peer['duckdb'], peer['retailseg']
    def stat(runs, i, f):
        return f([r[i] for r in runs])
    print(f"### Clean + 15 features from the .csv.gz: retailseg beside DuckDB (features checked equal),"
          f" {len(o)} alternated runs each\n")
    print("| engine | in-process s, best | in-process s, median | wall s, best (JVM start, DuckDB's native library) | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    for name, r in (("DuckDB SQL (`DuckDbPeer duckdb`)", d), ("retailseg (`DuckDbPeer retailseg`)", o)):
        print(f"| {name} | {stat(r, 0, min) / 1000:.3f} | {stat(r, 0, statistics.median) / 1000:.3f} |"
              f" {stat(r, 1, min):.2f} | {stat(r, 2, max):,} |")
    print(f"\nDuckDB / retailseg, in-process: best {stat(d, 0, min) / stat(o, 0, min):.2f}x, median"
          f" {stat(d, 0, statistics.median) / stat(o, 0, statistics.median):.2f}x; wall, best"
          f" {stat(d, 1, min) / stat(o, 1, min):.2f}x (above 1: retailseg faster).\n")
if 'retailseg run --k 3' in res:
    print(f"### Real file, best of {runs} (wall time includes JVM / Python start)\n")
    print("| run | wall s | peak RSS MB | reference / this |")
    print("|---|---:|---:|---:|")
    for label in ('retailseg run --k 3', 'retailseg run --k 3 --no-report', 'retailseg run --k auto',
                  'reference notebook_reference.py'):
        if label in res:
            w, m, _ = res[label]
            ratio = f"{ref[0] / w:.1f}x" if ref else "n/a"
            print(f"| {label} | {w:.2f} | {m:,} | {ratio} |")
    auto = summary(res['retailseg run --k auto'][2])['timings_ms']
    k3 = summary(res['retailseg run --k 3'][2])['timings_ms']
    refs = summary(ref[2])['seconds'] if ref else {}
    print("\nSeconds per stage (retailseg: `timings_ms` of summary.json; reference: `seconds` of its summary.json):\n")
    print("| stage | reference s | retailseg --k 3 s | retailseg --k auto s |")
    print("|---|---:|---:|---:|")
    names = [('load / ingest', 'load', ['ingest']), ('clean', 'clean', ['clean']),
             ('features', 'features', ['features']), ('outliers', 'outliers', ['outliers']),
             ('scale + PCA', 'scale_pca', ['scale_pca']),
             ('k selection (k = 2..15; the reference\'s silhouette for 3..12 only)', 'k_selection', ['k_selection']),
             ('final k-means + metrics', 'kmeans_eval', ['evaluate', 'profile']),
             ('recommendations', 'recommend', ['recommend'])]
    for title, rk, ours in names:
        r = refs.get(rk)
        a = sum(k3.get(s, 0) for s in ours) / 1000
        b = sum(auto.get(s, 0) for s in ours) / 1000
        print(f"| {title} | {r if r is not None else 'n/a'} | {a:.3f} | {b:.3f} |")
    if ref:
        kl = refs['k_selection']
        ka = auto['k_selection'] / 1000
        print(f"\nRatios: reference total / `--k 3` wall = {ref[0] / res['retailseg run --k 3'][0]:.1f}x"
              f" ({ref[0] / res['retailseg run --k 3 --no-report'][0]:.1f}x without the report);"
              f" reference k loop / our `--k auto` k selection = {kl:.3f} / {ka:.3f} = {kl / ka:.1f}x;"
              f" reference total / `--k auto` wall = {ref[0] / res['retailseg run --k auto'][0]:.1f}x.")
gen = [(int(l.split()[1]), v) for l, v in res.items() if l.startswith('generated ')]
if gen:
    gen.sort()
    print(f"\n### Generated files (`--k {gen_k}`, one run each above 1 M lines)\n")
    print("| lines | wall s | peak RSS MB | ingest s | clean s | features s | outliers s | k selection s | recommend s | customers |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for lines, (w, m, out) in gen:
        s = summary(out)
        t = s['timings_ms']
        print(f"| {lines:,} | {w:.1f} | {m:,} | " + " | ".join(f"{t.get(k, 0) / 1000:.1f}" for k in
              ('ingest', 'clean', 'features', 'outliers', 'k_selection', 'recommend'))
              + f" | {s['customers']['total']:,} |")
    if len(gen) >= 2:
        def slope(pairs):
            xs = [math.log(a) for a, _ in pairs]; ys = [math.log(b) for _, b in pairs]
            mx = sum(xs) / len(xs); my = sum(ys) / len(ys)
            return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        wall = slope([(l, v[0]) for l, v in gen])
        per_line = slope([(l, sum(summary(v[2])['timings_ms'].get(k, 0) for k in ('ingest', 'clean', 'features', 'recommend')) / 1000)
                          for l, v in gen])
        print(f"\nScaling exponent (least-squares slope of log time on log lines, {len(gen)} sizes): wall time"
              f" {wall:.2f}; line-bound stages (ingest + clean + features + recommend) {per_line:.2f}. 1.00 is linear.")
PY
