#!/usr/bin/env bash
# Load benchmark of retailseg serve on loopback: customer lookup and scoring, with wrk (Debian's
# package: apt-get install wrk). Bounded: DURATION seconds per scenario, CONNECTIONS connections.
#
#   bench/serve.sh                        # serves the real file's run (made first when missing)
#   RUN=/tmp/realrun PORT=18080 DURATION=20 CONNECTIONS=16 bench/serve.sh
#
# Prints wrk's latency distribution (p50, p75, p90, p99) and requests/second per scenario.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
real="$shared/data/online_retail.csv.gz"
run="${RUN:-/tmp/realrun}"
port="${PORT:-18080}"
duration="${DURATION:-20}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
work="$(mktemp -d /tmp/retailseg-serve-bench-XXXXXX)"
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
./retailseg --version >/dev/null   # builds the jar if needed
if [ ! -f "$run/model.json" ]; then
  ./retailseg run --input "$real" --out "$run" --quiet
fi

# ids of every customer of the run; one segmented customer's raw lines (the median line count) as a body
tail -n +2 "$run/customers.csv" | cut -d, -f1 >"$work/ids.txt"
python3 - "$real" "$run/customers.csv" "$work/one-customer.csv" <<'PY'
import csv, gzip, sys, collections
real, customers, out = sys.argv[1:]
segmented = {r["CustomerID"] for r in csv.DictReader(open(customers)) if r["Is_Outlier"] == "0"}
lines = collections.defaultdict(list)
with gzip.open(real, "rt", encoding="iso-8859-1", newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    for row in reader:
        cid = row[6].split(".")[0]
        if cid in segmented:
            lines[cid].append(row)
counts = sorted((len(v), k) for k, v in lines.items())
n, cid = counts[len(counts) // 2]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows(lines[cid])
print(f"scoring body: customer {cid}, {n} lines", file=sys.stderr)
PY

java ${JAVA_OPTS:-} -jar cli/target/retailseg.jar serve --run "$run" --port "$port" >"$work/server.out" 2>"$work/server.err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/health"; echo
curl -sf -X POST -H 'Content-Type: text/csv' --data-binary @"$work/one-customer.csv" \
  "http://127.0.0.1:$port/api/score" | head -c 300; echo

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
# warm-up (JIT), not reported
wrk -t"$threads" -c"$connections" -d5s -s bench/lookup.lua "http://127.0.0.1:$port" -- "$work/ids.txt" >/dev/null
wrk -t"$threads" -c"$connections" -d5s -s bench/score.lua "http://127.0.0.1:$port" -- "$work/one-customer.csv" >/dev/null
measure() { # title, script, argument: runs wrk and fails when any response was not 2xx
  echo "== $1"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$2" "http://127.0.0.1:$port" -- "$3" | tee "$work/wrk.txt"
  if grep -q "Non-2xx" "$work/wrk.txt"; then
    echo "FAILED: some responses were errors" >&2
    exit 1
  fi
}
measure "GET /api/customers/{id} (all $(wc -l <"$work/ids.txt") customers in turn)" bench/lookup.lua "$work/ids.txt"
measure "POST /api/score (one customer's $(($(wc -l <"$work/one-customer.csv") - 1)) CSV lines)" bench/score.lua \
  "$work/one-customer.csv"
