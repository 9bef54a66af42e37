#!/usr/bin/env bash
# The PostgreSQL numbers of docs/benchmarks.md: reading 10 M generated lines from a table against reading the
# same lines from the CSV file (ingest stage of `run`, from summary.json, and wall time), and publishing a run
# of about 1 M customers with 3 recommendations each (the `publish` stage `run --publish` reports; the lines
# come from a query that spreads each customer's lines over 14 ids).
# Starts its own PostgreSQL (Debian's binaries, PG_BIN) in a scratch folder, as the user postgres when run by
# root, on PORT; stops it and deletes the folder at the end. Prints Markdown on stdout, progress on stderr.
# Before the runs, the ingest alone (io.retailseg.bench.PostgresReadBench, one JVM per read): the CSV file, the
# table by COPY (the product) and by a server-side cursor (FETCH rows at a time, default 10000), alternated RUNS times, with the
# load average (`uptime`) before and after, since the machine may be shared.
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
bench_jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$root"/*/src/main -newer "$bench_jar" -type f -print -quit)" ]; then
  ./mvnw -B -q -o package -DskipTests -pl bench -am >&2
fi
fetch="${FETCH:-10000}"

echo "bench: generating $lines lines" >&2
./retailseg generate --rows "$lines" --customers 250000 --out "$work/lines.csv" >/dev/null
echo "bench: loading them into the table lines" >&2
psql_ -c "CREATE TABLE lines (\"InvoiceNo\" text, \"StockCode\" text, \"Description\" text, \"Quantity\" integer,
  \"InvoiceDate\" timestamp, \"UnitPrice\" numeric(10,3), \"CustomerID\" integer, \"Country\" text)"
psql_ -c "SET DateStyle = 'ISO, MDY'" -c "\\copy lines FROM '$work/lines.csv' WITH (FORMAT csv, HEADER true)"
psql_ -c "VACUUM ANALYZE lines"

# the ingest alone, side by side: best ms of RUNS reads each way, every read's line on stderr
echo "bench: ingest only (PostgresReadBench), load: $(uptime | sed 's/.*load average: //')" >&2
read_bench() { java -cp "$bench_jar" io.retailseg.bench.PostgresReadBench "$@"; }
declare -A best_ms digests
for i in $(seq "$runs"); do
  for mode in csv copy cursor; do
    case "$mode" in
      csv) line=$(read_bench csv "$work/lines.csv") ;;
      copy) line=$(read_bench copy "$url" lines) ;;
      cursor) line=$(read_bench cursor "$url" lines "$fetch") ;;
    esac
    echo "bench:   $line" >&2
    ms=$(sed 's/.* ms=\([0-9]*\).*/\1/' <<<"$line")
    digests[$mode]=$(sed 's/.* digest=//' <<<"$line")
    if [ -z "${best_ms[$mode]:-}" ] || [ "$ms" -lt "${best_ms[$mode]}" ]; then best_ms[$mode]=$ms; fi
  done
done
ingest_load="$(uptime | sed 's/.*load average: //')"
echo "bench: load after: $ingest_load" >&2
if [ "${digests[copy]}" != "${digests[cursor]}" ]; then
  echo "bench: COPY and the cursor read different lines (digests ${digests[copy]}, ${digests[cursor]})" >&2
  exit 1
fi

# one `retailseg run ... --out $work/out`: prints its wall time (s) and its ingest time (s)
one_run() {
  rm -rf "$work/out"
  local start end
  start=$(date +%s.%N)
  ./retailseg run "$@" --out "$work/out" --k 3 --no-report --quiet >/dev/null
  end=$(date +%s.%N)
  printf '%s %s' "$(echo "$end - $start" | bc)" \
    "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings_ms']['ingest']/1000)" \
      "$work/out/summary.json")"
}
# RUNS runs from the file and from the table, alternated so both see the same load; the best wall and the
# best ingest of each (taken separately: the run with the best wall need not have the best ingest)
file_wall="" db_wall="" file_ingest="" db_ingest=""
echo "bench: runs, file and table alternated, load: $(uptime | sed 's/.*load average: //')" >&2
for i in $(seq "$runs"); do
  read -r wall ingest <<<"$(one_run --input "$work/lines.csv")"
  echo "bench:   run $i from the file:  wall $wall s, ingest $ingest s" >&2
  if [ -z "$file_wall" ] || [ "$(echo "$wall < $file_wall" | bc)" = 1 ]; then file_wall=$wall; fi
  if [ -z "$file_ingest" ] || [ "$(echo "$ingest < $file_ingest" | bc)" = 1 ]; then file_ingest=$ingest; fi
  read -r wall ingest <<<"$(one_run --input "$url" --table lines)"
  echo "bench:   run $i from the table: wall $wall s, ingest $ingest s" >&2
  if [ -z "$db_wall" ] || [ "$(echo "$wall < $db_wall" | bc)" = 1 ]; then db_wall=$wall; fi
  if [ -z "$db_ingest" ] || [ "$(echo "$ingest < $db_ingest" | bc)" = 1 ]; then db_ingest=$ingest; fi
done
runs_load="$(uptime | sed 's/.*load average: //')"
echo "bench: load after: $runs_load" >&2
file_wall=$(printf '%.1f' "$file_wall"); db_wall=$(printf '%.1f' "$db_wall")
file_ingest=$(printf '%.1f' "$file_ingest"); db_ingest=$(printf '%.1f' "$db_ingest")

# about 1 M customers from the same lines: each customer's lines spread over 14 ids (by invoice and stock code)
echo "bench: publish: each customer's lines split over 14 ids" >&2
rm -rf "$work/out"
query="SELECT \"InvoiceNo\", \"StockCode\", \"Description\", \"Quantity\", \"InvoiceDate\", \"UnitPrice\",
  \"CustomerID\"::bigint * 14 + abs(hashtext(\"InvoiceNo\" || \"StockCode\")) % 14 AS \"CustomerID\",
  \"Country\" FROM lines"
publish_load_before="$(uptime | sed 's/.*load average: //')"
./retailseg run --input "$url" --query "$query" --publish "$url" --k 3 --no-report 2>"$work/publish.err" >/dev/null
publish_ms=$(sed -n 's/^publish *done in \([0-9,]*\) ms.*/\1/p' "$work/publish.err" | tr -d ,)
grep 'done in' "$work/publish.err" >&2
customers=$(psql_ -At -c "SELECT count(*) FROM retailseg.latest_customers")
recommendations=$(psql_ -At -c "SELECT count(*) FROM retailseg.latest_recommendations")

echo "| ingest only, best of $runs (ms) | CSV file | table, COPY | table, cursor (fetch $fetch) | COPY / CSV | cursor / COPY |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| PostgresReadBench, load after: $ingest_load | ${best_ms[csv]} | ${best_ms[copy]} | ${best_ms[cursor]} |" \
  "$(echo "scale=2; ${best_ms[copy]} / ${best_ms[csv]}" | bc) | $(echo "scale=2; ${best_ms[cursor]} / ${best_ms[copy]}" | bc) |"
echo
echo "| measure (runs alternated; load after: $runs_load) | CSV file | PostgreSQL table | ratio |"
echo "|---|---|---|---|"
echo "| ingest of $(printf "%'d" "$lines") lines, best of $runs (s) | $file_ingest | $db_ingest | $(echo "scale=2; $db_ingest / $file_ingest" | bc) |"
echo "| whole run, JVM start included, best of $runs (s) | $file_wall | $db_wall | $(echo "scale=2; $db_wall / $file_wall" | bc) |"
echo
echo "publish: $(printf "%'d" "$customers") customers, $(printf "%'d" "$recommendations") recommendations in $(echo "scale=1; $publish_ms / 1000" | bc) s (load before: $publish_load_before)"
