#!/usr/bin/env bash
# The local engine against the Spark engine on local[2] and on a two-worker standalone cluster, with the same
# options, end to end: wall time and peak RSS of every process (GNU time's %M; for a worker that is the
# largest of it and its reaped executors, so the master, workers and executors are also sampled with ps
# every second), the machine's load before and after, Spark's stage timings from summary.json.
#
# Usage: bench/spark.sh ROWS [ROWS ...]          e.g. bench/spark.sh 1000000 10000000
#   MODES="local spark cluster" (default all three), FORMATS="csv parquet" (default both), OPTS (the run's
#   options, default "--k 3 --restarts 2 --no-report --quiet"), JAVA_OPTS (the launcher's, e.g. -Xmx4g for local[2]),
#   and for the cluster DRIVER_HEAP (default 2g) and SHUFFLE_PARTITIONS (default 8; give 100 M lines more, see
#   docs/spark.md's sizing)
# Needs the spark module packaged (./mvnw -B -DskipTests -pl spark -am package: the job jar and
# spark/target/spark-home/jars). Results go to bench/target/spark/results.txt. Docs: docs/benchmarks.md,
# "Issue 13: Spark".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/target/spark"
mkdir -p "$work"
cd "$work"
R="$root/retailseg"
MODES="${MODES:-local spark cluster}"
FORMATS="${FORMATS:-csv parquet}"
opts="${OPTS:---k 3 --restarts 2 --no-report --quiet}"   # the run's default recommender (hybrid) and customer value
driver_heap="${DRIVER_HEAP:-2g}"
shuffle_partitions="${SHUFFLE_PARTITIONS:-8}"
log="$work/results.txt"
spark_home="$root/spark/target/spark-home"
job_jar="$root/spark/target/retailseg-spark.jar"
flags="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$root/spark/pom.xml")"
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
TIME_FMT="wall %e s, peak RSS %M KB, user %U s, sys %S s"

pids=()
# stops the JVMs under GNU time (time's child, by its parent's id: time then writes the peak RSS), workers first
stop_cluster() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill $(pgrep -P "${pids[$i]}") 2>/dev/null || true
    sleep 1
  done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_cluster EXIT

start_cluster() {
  port=17077
  rm -rf cluster && mkdir -p cluster/work1 cluster/work2
  /usr/bin/time -f "   master: $TIME_FMT" -a -o "$log" java -Xmx512m $flags -cp "$spark_home/jars/*" \
    org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $port --webui-port 18080 \
    > cluster/master.log 2>&1 &
  pids+=($!)
  for w in 1 2; do
    /usr/bin/time -f "   worker$w: $TIME_FMT" -a -o "$log" java -Xmx512m $flags -cp "$spark_home/jars/*" \
      org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 3g --webui-port $((18080 + w)) \
      --work-dir "$work/cluster/work$w" spark://127.0.0.1:$port > cluster/worker$w.log 2>&1 &
    pids+=($!)
  done
  for w in 1 2; do
    for _ in $(seq 240); do grep -q "Successfully registered with master" cluster/worker$w.log && break; sleep 0.5; done
  done
}

# peak RSS of the master, the workers and the executors (children of the workers, whose GNU time line
# includes their reaped children's peak): every second, the RSS of each such JVM, by pid and role
sample_executors() {
  local out="$1"
  : > "$out"
  while true; do
    ps -eo pid=,rss=,args= | awk '$3 == "/usr/bin/time" || /awk/ { next }
      /CoarseGrainedExecutorBackend/ {print $1, $2, "executor"} /deploy.worker.Worker/ {print $1, $2, "worker"}
      /deploy.master.Master/ {print $1, $2, "master"}' >> "$out"
    sleep 1
  done
}

inputs=()
for rows in "$@"; do
  for f in $FORMATS; do
    file="lines$rows.$f"
    [ "$f" = csv ] && file="lines$rows.csv"
    [ -e "$file" ] || "$R" generate --rows "$rows" --seed 42 --out "$file" > /dev/null
    inputs+=("$work/$file")
  done
done

echo "start $(date -u) on $(nproc) cores; modes: $MODES" >> "$log"
for input in "${inputs[@]}"; do
  name=$(basename "$input")
  for mode in $MODES; do
    out="out-$mode-$name"
    rm -rf "$out" "$out".2* ".$out".*
    echo "== $mode $name" >> "$log"
    echo "   load before: $(uptime)" >> "$log"
    case "$mode" in
      local)
        echo "   retailseg run --input $name --out $out $opts" >> "$log"
        /usr/bin/time -f "   process: $TIME_FMT" -a -o "$log" \
          "$R" run --input "$input" --out "$out" $opts > "$out.stdout" 2> "$out.stderr" || echo "   FAILED" >> "$log" ;;
      spark)
        echo "   retailseg run --engine spark --master local[2] --input $name --out $out $opts" >> "$log"
        /usr/bin/time -f "   process: $TIME_FMT" -a -o "$log" \
          "$R" run --engine spark --master 'local[2]' --input "$input" --out "$out" $opts \
          > "$out.stdout" 2> "$out.stderr" || echo "   FAILED" >> "$log" ;;
      cluster)
        start_cluster
        sample_executors "$out.executors" &
        sampler=$!
        echo "   SparkSubmit --master spark://127.0.0.1:17077 --class io.retailseg.spark.SubmitMain" \
          "--executor-memory 2g --conf spark.sql.shuffle.partitions=$shuffle_partitions (driver -Xmx$driver_heap)" \
          "retailseg-spark.jar run --input $name --out $out $opts" >> "$log"
        /usr/bin/time -f "   driver: $TIME_FMT" -a -o "$log" java -Xmx"$driver_heap" $flags \
          -Dlog4j2.configurationFile="$root/spark/conf/log4j2.properties" -cp "$spark_home/jars/*" \
          org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:17077 --deploy-mode client \
          --class io.retailseg.spark.SubmitMain --executor-memory 2g --conf spark.executor.cores=1 \
          --conf spark.cores.max=2 --conf spark.driver.host=127.0.0.1 --conf spark.sql.shuffle.partitions="$shuffle_partitions" \
          --conf "spark.executor.extraJavaOptions=$flags" "$job_jar" \
          run --input "$input" --out "$out" $opts > "$out.stdout" 2> "$out.stderr" || echo "   FAILED" >> "$log"
        kill "$sampler" 2>/dev/null || true
        wait "$sampler" 2>/dev/null || true
        awk '{ if ($2 > max[$1]) max[$1] = $2; role[$1] = $3 } END { for (p in max) printf "   %s %s (ps): peak RSS %d KB\n", role[p], p, max[p] }' \
          "$out.executors" >> "$log"
        stop_cluster ;;
    esac
    echo "   load after: $(uptime)" >> "$log"
    python3 -c "import json,sys; print('   timings_ms', json.load(open(sys.argv[1]))['timings_ms'])" \
      "$out/summary.json" >> "$log" 2>/dev/null || true
  done
done
