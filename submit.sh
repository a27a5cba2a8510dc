#!/usr/bin/env bash
# chipsweep launcher: builds the project when the build is missing or older than the sources, then runs the
# application through Spark's own SparkSubmit (no Spark distribution needed: the jars come from target/lib).
#
#   ./submit.sh run jobs/safa2024.json [--out DIR] [--resume] [--rerun-failed] [spark-submit options]
#   ./submit.sh cell jobs/safa2024.json --distortion mismatch --sigma 2 --train-size 398 --method mh --seed 0
#   ./submit.sh sql results/safa2024 "SELECT method, avg(test_accuracy) FROM cells GROUP BY method"
#   ./submit.sh report results/safa2024
#   ./submit.sh bench [--reference]
#   ./submit.sh cluster start [N] | stop | status     # a standalone cluster on loopback, N workers (default 2)
#   ./submit.sh --help
#
# spark-submit options (--master, --conf, --executor-memory, ...) may stand anywhere on the line; the default
# master is local[*]. Environment: JAVA (java binary), CHIPSWEEP_DRIVER_MEMORY (default 4g), CHIPSWEEP_CELL_GC
# (the garbage collector flag of the JVMs that run cells, default -XX:+UseParallelGC).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/target/chipsweep.jar"
LIB="$ROOT/target/lib"
JAVA="${JAVA:-java}"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
CLUSTER_DIR="$ROOT/.cluster"

# shellcheck source=scripts/spark-flags.sh
source "$ROOT/scripts/spark-flags.sh"

# The JVMs that run cells (the driver in local mode, executors on a cluster) use the throughput collector: cells
# allocate little, and on 2 cores G1's concurrent work and barriers cost more CPU than they save
# (docs/performance.md). A --conf spark.executor.extraJavaOptions given on the line replaces the executors' flag.
CELL_GC="${CHIPSWEEP_CELL_GC:--XX:+UseParallelGC}"

die() { echo "submit.sh: $*" >&2; exit 2; }

build_if_needed() {
  local stale=""
  if [[ ! -f "$JAR" || ! -d "$LIB" ]]; then
    stale="no build yet"
  elif [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
    stale="sources changed"
  fi
  if [[ -n "$stale" ]]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed to build chipsweep ($stale)"
    echo "submit.sh: building chipsweep ($stale): mvn -B -q package -DskipTests" >&2
    local log; log="$(mktemp /tmp/chipsweep-build.XXXXXX)"
    if ! (cd "$ROOT" && mvn -B -q -Dstyle.color=never package -DskipTests) > "$log" 2>&1; then
      cat "$log" >&2; rm -f "$log"; echo "submit.sh: build failed" >&2; exit 1
    fi
    rm -f "$log"
  fi
}

cluster() {
  local cmd="${1:-status}" workers="${2:-2}"
  local home="$CLUSTER_DIR/spark-home"
  case "$cmd" in
    start)
      build_if_needed
      [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "cluster start: N must be a positive number of workers, but was '$workers'"
      if [[ -f "$CLUSTER_DIR/master.pid" ]] && kill -0 "$(cat "$CLUSTER_DIR/master.pid")" 2>/dev/null; then
        die "cluster already running (./submit.sh cluster status; ./submit.sh cluster stop)"
      fi
      rm -rf "$home" && mkdir -p "$home/conf" "$CLUSTER_DIR/logs"
      ln -s "$LIB" "$home/jars"
      cp "$ROOT/conf/log4j2.properties" "$home/conf/"
      export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
      local cp="$home/conf:$home/jars/*"
      nohup "$JAVA" "${SPARK_FLAGS[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master \
        --host 127.0.0.1 --port 7077 --webui-port 18080 > "$CLUSTER_DIR/logs/master.log" 2>&1 &
      echo $! > "$CLUSTER_DIR/master.pid"
      for i in $(seq 1 "$workers"); do
        mkdir -p "$CLUSTER_DIR/work/$i"
        nohup "$JAVA" "${SPARK_FLAGS[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker \
          --host 127.0.0.1 --cores 1 --memory 2g --webui-port $((18080 + i)) --work-dir "$CLUSTER_DIR/work/$i" \
          spark://127.0.0.1:7077 > "$CLUSTER_DIR/logs/worker-$i.log" 2>&1 &
        echo $! > "$CLUSTER_DIR/worker-$i.pid"
      done
      for _ in $(seq 1 60); do
        local alive
        alive=$(curl -s http://127.0.0.1:18080/json/ 2>/dev/null | grep -o '"state" *: *"ALIVE"' | wc -l || true)
        if [[ "$alive" -ge "$workers" ]]; then
          echo "cluster up: master spark://127.0.0.1:7077 with $workers workers (UI http://127.0.0.1:18080)"
          echo "submit with: ./submit.sh run JOB.json --master spark://127.0.0.1:7077"
          return 0
        fi
        sleep 1
      done
      echo "submit.sh: cluster did not come up in 60 s; logs in $CLUSTER_DIR/logs" >&2
      cluster stop >/dev/null; exit 1 ;;
    stop)
      local any=0
      for f in "$CLUSTER_DIR"/worker-*.pid "$CLUSTER_DIR"/master.pid; do
        [[ -f "$f" ]] || continue
        kill "$(cat "$f")" 2>/dev/null && any=1 || true
        rm -f "$f"
      done
      [[ $any == 1 ]] && echo "cluster stopped" || echo "no cluster running" ;;
    status)
      if [[ -f "$CLUSTER_DIR/master.pid" ]] && kill -0 "$(cat "$CLUSTER_DIR/master.pid")" 2>/dev/null; then
        local alive
        alive=$(curl -s http://127.0.0.1:18080/json/ 2>/dev/null | grep -o '"state" *: *"ALIVE"' | wc -l || true)
        echo "cluster running: master spark://127.0.0.1:7077, $alive workers alive"
      else
        echo "no cluster running"; return 3
      fi ;;
    *) die "cluster: expected start [N], stop or status, but was '$cmd'" ;;
  esac
}

if [[ "${1:-}" == "cluster" ]]; then
  shift; cluster "$@"; exit $?
fi

# Split spark-submit options from the application's arguments.
spark_args=(--conf "spark.executor.extraJavaOptions=$CELL_GC") app_args=() master="local[*]" driver_mem="${CHIPSWEEP_DRIVER_MEMORY:-4g}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) [[ $# -ge 2 ]] || die "--master needs a value"; master="$2"; shift 2 ;;
    --master=*) master="${1#*=}"; shift ;;
    --driver-memory) [[ $# -ge 2 ]] || die "--driver-memory needs a value"; driver_mem="$2"; shift 2 ;;
    --driver-memory=*) driver_mem="${1#*=}"; shift ;;
    --conf|-c|--deploy-mode|--executor-memory|--executor-cores|--total-executor-cores|--num-executors|\
    --name|--jars|--packages|--repositories|--exclude-packages|--files|--archives|--properties-file|\
    --driver-java-options|--driver-library-path|--driver-class-path|--driver-cores|--queue|--principal|--keytab)
      [[ $# -ge 2 ]] || die "$1 needs a value"; spark_args+=("$1" "$2"); shift 2 ;;
    --conf=*|--deploy-mode=*|--executor-memory=*|--executor-cores=*|--total-executor-cores=*|--num-executors=*|\
    --name=*|--jars=*|--packages=*|--files=*|--properties-file=*|--driver-cores=*|--queue=*)
      spark_args+=("$1"); shift ;;
    --supervise|--verbose) spark_args+=("$1"); shift ;;
    *) app_args+=("$1"); shift ;;
  esac
done
# Spark options that would otherwise fail inside Spark with a stack trace: refused here, one line, exit 2, before
# anything is written.
size_ok() { [[ "$1" =~ ^[0-9]+[kKmMgGtT]?[bB]?$ ]]; }
size_ok "$driver_mem" || die "option '--driver-memory': must be a size like 4g or 512m, but was '$driver_mem'"
for ((i = 0; i < ${#spark_args[@]}; i++)); do
  case "${spark_args[$i]}" in
    --executor-memory) size_ok "${spark_args[$((i + 1))]:-}" \
        || die "option '--executor-memory': must be a size like 2g or 512m, but was '${spark_args[$((i + 1))]:-}'" ;;
    --executor-memory=*) size_ok "${spark_args[$i]#*=}" \
        || die "option '--executor-memory': must be a size like 2g or 512m, but was '${spark_args[$i]#*=}'" ;;
    --executor-cores|--total-executor-cores|--num-executors|--driver-cores)
      [[ "${spark_args[$((i + 1))]:-}" =~ ^[1-9][0-9]*$ ]] \
        || die "option '${spark_args[$i]}': must be a whole number >= 1, but was '${spark_args[$((i + 1))]:-}'" ;;
  esac
done
if [[ "$master" == local* && ! "$master" =~ ^local(\[([0-9]+|\*)(,[0-9]+)?\])?$ ]]; then
  die "option '--master': must be local, local[N], local[*], local[N,F], spark://HOST:PORT, yarn or k8s://URL, but was '$master'"
fi
if [[ "$master" == spark://127.0.0.1:* || "$master" == spark://localhost:* ]]; then
  spark_args+=(--conf spark.driver.host=127.0.0.1)
fi

# The run's progress: one updating line with a bar when stderr is a terminal, one line per update otherwise.
progress=lines
[[ -t 2 ]] && progress=bar

build_if_needed
exec "$JAVA" "${SPARK_FLAGS[@]}" "$CELL_GC" "-Xmx$driver_mem" -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -Dchipsweep.progress="$progress" \
  -cp "$ROOT/conf:$LIB/*" org.apache.spark.deploy.SparkSubmit \
  --master "$master" ${spark_args[@]+"${spark_args[@]}"} --class chipsweep.cli.Main "$JAR" ${app_args[@]+"${app_args[@]}"}
