#!/usr/bin/env bash
# End-to-end timing: ./retailseg run on the real file (and optionally generated files) beside the
# reference script, same machine, same session. Prints a Markdown table of wall time and peak RSS.
#
#   bench/e2e.sh                       # real file: retailseg --k 3, --k auto, and the reference
#   ROWS="1000000 10000000" bench/e2e.sh   # also generated files of these sizes
#
# Needs /usr/bin/time (GNU time) and, for the reference, Debian's python3-sklearn python3-pandas.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
real="$shared/data/online_retail.csv.gz"
work="${WORK:-$(mktemp -d /tmp/retailseg-bench-XXXXXX)}"
runs="${RUNS:-3}"
cd "$root"
./retailseg --version >/dev/null   # builds the jar if needed, outside the timings

measure() { # label, command...
  local label="$1"; shift
  local best_wall="" best_rss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" \
      || { echo "failed: $*" >&2; cat "$work/err.txt" >&2; exit 1; }
    read -r wall rss <"$work/time.txt"
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; best_rss=$rss; fi
  done
  printf '| %s | %s | %d |\n' "$label" "$best_wall" "$((best_rss / 1024))"
}

echo "| run (best of $runs) | wall s | peak RSS MB |"
echo "|---|---:|---:|"
if [ -f "$real" ]; then
  measure "retailseg run --k 3, real file" ./retailseg run --input "$real" --out "$work/k3" --k 3 --quiet
  measure "retailseg run --k auto (2..15), real file" ./retailseg run --input "$real" --out "$work/auto" --quiet
  if /usr/bin/python3 -c 'import sklearn, pandas' 2>/dev/null; then
    measure "reference notebook_reference.py, real file" /usr/bin/python3 "$shared/reference/notebook_reference.py" "$real" "$work/ref"
    echo
    echo "Reference seconds per stage (last run): $(python3 -c "import json;print(json.load(open('$work/ref/summary.json'))['seconds'])")"
  fi
  echo "retailseg --k auto timings_ms: $(python3 -c "import json;print(json.load(open('$work/auto/summary.json'))['timings_ms'])")"
fi
for rows in ${ROWS:-}; do
  ./retailseg generate --rows "$rows" --out "$work/gen-$rows.csv" >/dev/null
  measure "retailseg run --k 3, generated $rows lines" ./retailseg run --input "$work/gen-$rows.csv" --out "$work/gen-$rows" --k 3 --quiet
done
