#!/usr/bin/env bash
# The PostgreSQL numbers of docs/benchmarks.md: reading 10 M generated lines from a table against reading the
# same lines from the CSV file (ingest stage of `run`, from summary.json, and wall time), and publishing a run
# of about 1 M customers with 3 recommendations each (the `publish` stage `run --publish` reports; the lines
# come from a query that spreads each customer's lines over 14 ids).
# Starts its own PostgreSQL (Debian's binaries, PG_BIN) in a scratch folder, as the user postgres when run by
# root, on PORT; stops it and deletes the folder at the end. Prints Markdown on stdout, progress on stderr.
#
#   bench/postgres.sh                       # 10 M lines, best of RUNS=3
#   LINES=1000000 RUNS=1 bench/postgres.sh  # a quick check
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
lines="${LINES:-10000000}"
runs="${RUNS:-3}"
port="${PORT:-55432}"
work="$(mktemp -d /tmp/retailseg-pg-bench-XXXXXX)"
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir "$work/data"
if [ "$(id -u)" = 0 ]; then chown postgres "$work/data"; fi   # PostgreSQL refuses to run as root
as_pg "$pg_bin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/data" -o "-p $port -k $work/data -c shared_buffers=512MB -c max_wal_size=4GB" \
  -l "$work/data/server.log" -w start >/dev/null
trap 'as_pg "$pg_bin/pg_ctl" -D "$work/data" -m fast stop >/dev/null; rm -rf "$work"' EXIT
url="postgresql://postgres@localhost:$port/postgres"
psql_() { psql -q -X -v ON_ERROR_STOP=1 -h localhost -p "$port" -U postgres -d postgres "$@"; }
cd "$root"
./retailseg --version >/dev/null   # builds the jar if needed, outside the timings

echo "bench: generating $lines lines" >&2
./retailseg generate --rows "$lines" --customers 250000 --out "$work/lines.csv" >/dev/null
echo "bench: loading them into the table lines" >&2
psql_ -c "CREATE TABLE lines (\"InvoiceNo\" text, \"StockCode\" text, \"Description\" text, \"Quantity\" integer,
  \"InvoiceDate\" timestamp, \"UnitPrice\" numeric(10,3), \"CustomerID\" integer, \"Country\" text)"
psql_ -c "SET DateStyle = 'ISO, MDY'" -c "\\copy lines FROM '$work/lines.csv' WITH (FORMAT csv, HEADER true)"
psql_ -c "VACUUM ANALYZE lines"

# best wall time (s) and its ingest time (s) of RUNS runs of `retailseg run ... --out $work/out`
best() {
  local best_wall="" best_ingest=""
  for i in $(seq "$runs"); do
    rm -rf "$work/out"
    local start end wall ingest
    start=$(date +%s.%N)
    ./retailseg run "$@" --out "$work/out" --k 3 --no-report --quiet >/dev/null
    end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc)
    ingest=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings_ms']['ingest']/1000)" \
      "$work/out/summary.json")
    echo "bench:   run $i: wall $wall s, ingest $ingest s" >&2
    if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc)" = 1 ]; then
      best_wall=$wall; best_ingest=$ingest
    fi
  done
  printf '%.1f %.1f' "$best_wall" "$best_ingest"
}
echo "bench: run from the CSV file" >&2
read -r file_wall file_ingest <<<"$(best --input "$work/lines.csv")"
echo "bench: run from the table" >&2
read -r db_wall db_ingest <<<"$(best --input "$url" --table lines)"

# about 1 M customers from the same lines: each customer's lines spread over 14 ids (by invoice and stock code)
echo "bench: publish: each customer's lines split over 14 ids" >&2
rm -rf "$work/out"
query="SELECT \"InvoiceNo\", \"StockCode\", \"Description\", \"Quantity\", \"InvoiceDate\", \"UnitPrice\",
  \"CustomerID\"::bigint * 14 + abs(hashtext(\"InvoiceNo\" || \"StockCode\")) % 14 AS \"CustomerID\",
  \"Country\" FROM lines"
./retailseg run --input "$url" --query "$query" --publish "$url" --k 3 --no-report 2>"$work/publish.err" >/dev/null
publish_ms=$(sed -n 's/^publish *done in \([0-9,]*\) ms.*/\1/p' "$work/publish.err" | tr -d ,)
grep 'done in' "$work/publish.err" >&2
customers=$(psql_ -At -c "SELECT count(*) FROM retailseg.latest_customers")
recommendations=$(psql_ -At -c "SELECT count(*) FROM retailseg.latest_recommendations")

echo "| measure | CSV file | PostgreSQL table | ratio |"
echo "|---|---|---|---|"
echo "| ingest of $(printf "%'d" "$lines") lines (s) | $file_ingest | $db_ingest | $(echo "scale=2; $db_ingest / $file_ingest" | bc) |"
echo "| whole run, JVM start included (s) | $file_wall | $db_wall | $(echo "scale=2; $db_wall / $file_wall" | bc) |"
echo
echo "publish: $(printf "%'d" "$customers") customers, $(printf "%'d" "$recommendations") recommendations in $(echo "scale=1; $publish_ms / 1000" | bc) s"
