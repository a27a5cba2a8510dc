#!/usr/bin/env bash
# chipsweep's fault-injection suite (issue "Reliability"): kills the driver and an executor mid-sweep, fills
# the disk, runs two sweeps on one folder, damages a results folder, and checks that no committed result is
# lost, recomputed or duplicated and that every failure says what is wrong. Prints one PASS/FAIL line per
# scenario with its evidence and ends with "N passed, M failed". Needs a built project (./submit.sh builds
# it) and, for the disk-full scenario, root (mount -t tmpfs); scenarios that cannot run here say SKIP.
#
#   scripts/reliability.sh [scenario ...]     # default: all; names: determinism driver-kill executor-kill
#                                             #   disk-full concurrent damaged bad-input spark-jar
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOB="$ROOT/src/test/resources/jobs/faults.json"
WORK="$(mktemp -d /tmp/chipsweep-faults.XXXXXX)"
SUBMIT="$ROOT/submit.sh"
JAVA="${JAVA:-java}"
# shellcheck source=spark-flags.sh
source "$ROOT/scripts/spark-flags.sh"
passed=0 failed=0 skipped=0
trap 'cleanup' EXIT

cleanup() {
  "$SUBMIT" cluster stop >/dev/null 2>&1 || true
  if mountpoint -q "$WORK/tiny" 2>/dev/null; then umount "$WORK/tiny" 2>/dev/null || true; fi
  rm -rf "$WORK"
}

log() { echo "[reliability] $*" >&2; }
pass() { echo "PASS $1: $2"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
skip() { echo "SKIP $1: $2"; skipped=$((skipped + 1)); }

# The committed table as "cell_id,status,test_accuracy,train_accuracy" lines sorted by cell id.
table() { "$SUBMIT" sql "$1" "SELECT cell_id, status, test_accuracy, train_accuracy FROM cells ORDER BY cell_id" \
  --format csv --limit 100000 2>/dev/null | tail -n +2; }
attempts() { "$SUBMIT" sql "$1" "SELECT cell_id, attempt_id FROM cells ORDER BY cell_id" --format csv --limit 100000 \
  2>/dev/null | tail -n +2; }
count_all() { "$SUBMIT" sql "$1" "SELECT count(*) FROM cells_all" --format csv 2>/dev/null | tail -n 1; }
waves() { ls -d "$1"/cells/wave=* 2>/dev/null | wc -l; }

reference() {
  if [[ ! -d "$WORK/reference" ]]; then
    log "reference: an uninterrupted local[2] run"
    "$SUBMIT" run "$JOB" --out "$WORK/reference" --master 'local[2]' --no-report >"$WORK/reference.log" 2>&1 \
      || { log "reference run failed: $(tail -3 "$WORK/reference.log")"; return 1; }
  fi
  table "$WORK/reference" > "$WORK/reference.csv"
}

wait_for_waves() { # dir, n, pid, timeout
  for _ in $(seq 1 "$4"); do
    [[ $(waves "$1") -ge $2 ]] && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

driver_kill() {
  local out="$WORK/driver-kill"
  reference || { fail driver-kill "no reference run"; return; }
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --wave-cells 8 --no-report >"$WORK/dk1.log" 2>&1 &
  local pid=$!
  if ! wait_for_waves "$out" 2 "$pid" 300; then fail driver-kill "the run ended before two waves"; return; fi
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  local committed; committed=$(waves "$out")
  attempts "$out" > "$WORK/dk-before.csv"
  local before; before=$(wc -l < "$WORK/dk-before.csv")
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --resume --no-report >"$WORK/dk2.log" 2>&1 \
    || { fail driver-kill "resume failed: $(tail -2 "$WORK/dk2.log")"; return; }
  attempts "$out" > "$WORK/dk-after.csv"
  local kept; kept=$(grep -cxFf "$WORK/dk-before.csv" "$WORK/dk-after.csv")
  local total; total=$(count_all "$out")
  if [[ "$kept" == "$before" && "$total" == "$(wc -l < "$WORK/reference.csv")" ]] && diff -q <(table "$out") "$WORK/reference.csv" >/dev/null; then
    pass driver-kill "killed after $committed committed waves ($before cells); resume kept all $before attempts, ran $((total - before)) more; $total rows in cells_all, equal cell for cell to an uninterrupted run"
  else
    fail driver-kill "before $before, kept $kept, total rows $total, reference $(wc -l < "$WORK/reference.csv")"
  fi
}

executor_kill() {
  local out="$WORK/executor-kill"
  reference || { fail executor-kill "no reference run"; return; }
  if ! "$SUBMIT" cluster start 2 >"$WORK/cluster.log" 2>&1; then
    fail executor-kill "cluster did not start: $(tail -2 "$WORK/cluster.log")"; return
  fi
  "$SUBMIT" run "$JOB" --out "$out" --master spark://127.0.0.1:7077 --wave-cells 48 --no-report >"$WORK/ek.log" 2>&1 &
  local pid=$!
  local victim=""
  for _ in $(seq 1 120); do
    victim=$(pgrep -f CoarseGrainedExecutorBackend | head -1)
    [[ -n "$victim" ]] && grep -q "cells [1-9][0-9]*/48 done" "$WORK/ek.log" && break
    sleep 0.5
  done
  if [[ -z "$victim" ]]; then fail executor-kill "no executor appeared"; "$SUBMIT" cluster stop >/dev/null; return; fi
  kill -9 "$victim"
  wait "$pid"; local rc=$?
  "$SUBMIT" cluster stop >/dev/null 2>&1
  local total; total=$(count_all "$out")
  if [[ $rc == 0 && "$total" == "$(wc -l < "$WORK/reference.csv")" ]] && diff -q <(table "$out") "$WORK/reference.csv" >/dev/null; then
    pass executor-kill "killed executor pid $victim mid-wave; the job completed with $total rows, each cell once, equal to local[2]"
  else
    fail executor-kill "exit $rc, $total rows (reference $(wc -l < "$WORK/reference.csv")); $(tail -2 "$WORK/ek.log")"
  fi
}

disk_full() {
  reference || { fail disk-full "no reference run"; return; }
  local tiny="$WORK/tiny"
  mkdir -p "$tiny"
  if ! mount -t tmpfs -o size=256k tmpfs "$tiny" 2>/dev/null; then skip disk-full "cannot mount a tmpfs here (needs root)"; return; fi
  local out="$tiny/out"
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --wave-cells 4 --no-report >"$WORK/df.log" 2>&1
  local rc=$?
  local committed; committed=$(waves "$out")
  local msg; msg=$(grep -m1 "chipsweep:" "$WORK/df.log")
  cp -r "$out" "$WORK/roomy"
  umount "$tiny"
  local readable; readable=$(count_all "$WORK/roomy")
  "$SUBMIT" run "$JOB" --out "$WORK/roomy" --master 'local[2]' --resume --no-report >"$WORK/df2.log" 2>&1
  local rc2=$?
  if [[ $rc == 1 && $committed -ge 1 && "$msg" == *"No space left on device"* && "$readable" =~ ^[0-9]+$ && $rc2 == 0 ]] && diff -q <(table "$WORK/roomy") "$WORK/reference.csv" >/dev/null; then
    pass disk-full "exit $rc with '$msg'; $committed waves ($readable cells) committed before the disk filled were intact and readable; --resume on a roomier disk completed, equal to the reference"
  else
    fail disk-full "exit $rc, $committed waves, readable '$readable', resume exit $rc2; $msg"
  fi
}

concurrent() {
  local out="$WORK/concurrent"
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --wave-cells 8 --no-report >"$WORK/c1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do [[ -f "$out/job.json" ]] && break; sleep 0.5; done
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --resume --no-report >"$WORK/c2.log" 2>&1
  local rc=$?
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --resume --no-report >"$WORK/c3.log" 2>&1
  local rc3=$?
  if [[ $rc == 3 ]] && grep -q "another chipsweep run is writing here" "$WORK/c2.log" && [[ $rc3 == 0 ]]; then
    pass concurrent "second run refused with exit 3 ('$(grep -m1 chipsweep: "$WORK/c2.log" | cut -c1-120)...'); after kill -9 of the first, --resume took the lock and finished ($(count_all "$out") rows)"
  else
    fail concurrent "second run exit $rc (want 3), resume after kill exit $rc3; $(tail -1 "$WORK/c2.log")"
  fi
}

damaged() {
  local out="$WORK/damaged"
  "$SUBMIT" run "$JOB" --out "$out" --master 'local[2]' --wave-cells 16 --no-report >"$WORK/d1.log" 2>&1 \
    || { fail damaged "setup run failed"; return; }
  local victim; victim=$(ls "$out"/cells/wave=00002/method=*/part-*.parquet | head -1)
  truncate -s 100 "$victim"
  local ok=1 notes=""
  for cmd in sql report resume; do
    local rc
    case $cmd in
      sql) "$SUBMIT" sql "$out" "SELECT count(*) FROM cells" >"$WORK/d-$cmd.log" 2>&1; rc=$? ;;
      report) "$SUBMIT" report "$out" >"$WORK/d-$cmd.log" 2>&1; rc=$? ;;
      resume) "$SUBMIT" run "$JOB" --out "$out" --resume --no-report >"$WORK/d-$cmd.log" 2>&1; rc=$? ;;
    esac
    if [[ $rc != 2 ]] || ! grep -q "$(basename "$victim") is damaged" "$WORK/d-$cmd.log" || grep -q "^\s*at " "$WORK/d-$cmd.log"; then
      ok=0; notes+=" $cmd: exit $rc: $(grep -m1 chipsweep: "$WORK/d-$cmd.log" | cut -c1-160);"
    fi
  done
  mv "$out/job.json" "$WORK/job.json.moved"
  "$SUBMIT" run "$JOB" --out "$out" --resume --no-report >"$WORK/d-nojob.log" 2>&1
  local rc=$?
  if [[ $rc != 2 ]] || ! grep -q "job.json: missing" "$WORK/d-nojob.log"; then
    ok=0; notes+=" missing job.json: exit $rc: $(grep -m1 chipsweep: "$WORK/d-nojob.log" | cut -c1-160);"
  fi
  if [[ $ok == 1 ]]; then
    pass damaged "a truncated $(basename "$victim"): sql, report and --resume each exit 2 naming the file and the way out; a missing job.json: exit 2 ('$(grep -m1 chipsweep: "$WORK/d-nojob.log" | cut -c12-100)...')"
  else
    fail damaged "$notes"
  fi
}

determinism() {
  reference || { fail determinism "no reference run"; return; }
  "$SUBMIT" run "$JOB" --out "$WORK/local1" --master 'local[1]' --wave-cells 5 --no-report >"$WORK/l1.log" 2>&1 \
    || { fail determinism "local[1] run failed"; return; }
  local same=1 notes=""
  diff -q <(table "$WORK/local1") "$WORK/reference.csv" >/dev/null || { same=0; notes+=" local[1]/5-cell waves differ from local[2];"; }
  # run vs cell, for three cells of the grid
  local checked=0
  for spec in "mismatch 2 32 mh 3" "mismatch 1 128 bp 0" "mismatch 0 32 mh 1"; do
    set -- $spec
    local json; json=$("$SUBMIT" cell "$JOB" --distortion "$1" --sigma "$2" --train-size "$3" --method "$4" --seed "$5" 2>/dev/null)
    local id acc; id=$(echo "$json" | grep -o '"cell_id":"[^"]*"' | cut -d'"' -f4)
    acc=$(echo "$json" | grep -o '"test_accuracy":[^,]*' | cut -d: -f2)
    local row; row=$(grep "^$id," "$WORK/reference.csv" | cut -d, -f3)
    if [[ -n "$id" && -n "$acc" && "$acc" == "$row" ]]; then
      checked=$((checked + 1))
    else
      same=0; notes+=" cell $spec: cell says $acc, run says '$row';"
    fi
  done
  if [[ $same == 1 ]]; then
    pass determinism "local[1] with 5-cell waves equals local[2] with default waves for all $(wc -l < "$WORK/reference.csv") cells (status and both accuracies); cell equals run for $checked cells"
  else
    fail determinism "$notes"
  fi
}

# Bad input through submit.sh as a new user would type it: each must exit 2 with one line on stderr and leave no
# results folder behind.
bad_input() {
  local notes="" ok=0 n=0 out="$WORK/bad-input-out"
  printf '{"name": "caf\xe9"}' > "$WORK/latin1.json"
  reference >/dev/null 2>&1 || true
  while IFS='|' read -r label expect args; do
    n=$((n + 1))
    rm -rf "$out"
    # shellcheck disable=SC2086
    "$SUBMIT" $args >"$WORK/bad.out" 2>"$WORK/bad.err"
    local code=$? lines; lines=$(grep -cv '^$' "$WORK/bad.err")
    if [[ $code == 2 && $lines == 1 && ! -e "$out" ]] && grep -q -- "$expect" "$WORK/bad.err"; then
      ok=$((ok + 1))
    else
      notes+=" $label: exit $code, $lines stderr lines, folder $([[ -e $out ]] && echo left || echo none) ($(head -c 160 "$WORK/bad.err"));"
    fi
  done <<ROWS
bad --master|'--master'|run $JOB --out $out --master local[zz] --no-report
bad --executor-memory|'--executor-memory'|run $JOB --out $out --executor-memory abc --no-report
job file not UTF-8|not UTF-8 text|validate $WORK/latin1.json
SQL syntax error|PARSE_SYNTAX_ERROR|sql $WORK/reference SELEC
ROWS
  if [[ $ok == "$n" ]]; then
    pass bad-input "$n of $n bad inputs (bad --master, bad --executor-memory, a job file that is not UTF-8, a SQL syntax error) exit 2 with one line naming the problem, and leave no results folder"
  else
    fail bad-input "$notes"
  fi
}

# The application jar for clusters that already run Spark (target/chipsweep-VERSION-spark.jar) through Spark's own
# SparkSubmit with nothing on the class path but a Spark distribution's jars: the transitive closure of spark-core
# and spark-sql at the project's Spark version (scripts/spark-dist/pom.xml), copied by maven-dependency-plugin.
# The jar must bring everything else (picocli, XChart, ...; its own log4j2.properties keeps Spark quiet): the run
# finishes, its table equals the thin jar's local[2] run cell for cell, and the report's figures are drawn.
spark_jar() {
  local version spark
  version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -1)
  spark=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
  local app="$ROOT/target/chipsweep-$version-spark.jar" dist="$WORK/spark-dist/jars" out="$WORK/spark-jar"
  [[ -f "$app" ]] || { fail spark-jar "no $app (mvn package builds it)"; return; }
  if ! mvn -B -q -f "$ROOT/scripts/spark-dist/pom.xml" -Dspark.version="$spark" dependency:copy-dependencies \
      -DoutputDirectory="$dist" >"$WORK/sd.log" 2>&1; then
    fail spark-jar "could not assemble Spark $spark's jar set: $(tail -3 "$WORK/sd.log")"; return
  fi
  local ours; ours=$(ls "$dist" | grep -E '^(chipsweep|picocli|xchart|VectorGraphics2D|graphics2d|pdfbox)' | tr '\n' ' ')
  [[ -z "$ours" ]] || { fail spark-jar "Spark's jar set holds chipsweep's own libraries: $ours"; return; }
  reference || { fail spark-jar "no reference run"; return; }
  "$JAVA" "${SPARK_FLAGS[@]}" -cp "$dist/*" org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
    --class chipsweep.cli.Main "$app" run "$JOB" --out "$out" >"$WORK/sj.log" 2>&1
  local rc=$?
  local png svg; png=$(find "$out/report" -name '*.png' 2>/dev/null | wc -l); svg=$(find "$out/report" -name '*.svg' 2>/dev/null | wc -l)
  if [[ $rc == 0 && -f "$out/report/index.html" && $png -ge 1 && $svg -ge 1 ]] \
      && diff -q <(table "$out") "$WORK/reference.csv" >/dev/null; then
    pass spark-jar "$(basename "$app") ($(du -k "$app" | cut -f1) KiB) under SparkSubmit with only Spark $spark's $(ls "$dist" | wc -l) jars: the run equals the thin jar's for all $(wc -l < "$WORK/reference.csv") cells; report with $png PNG and $svg SVG figures"
  else
    fail spark-jar "exit $rc, report $png PNG / $svg SVG; $(grep -m2 -E 'chipsweep|Exception|Error' "$WORK/sj.log" | cut -c1-200)"
  fi
}

scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(determinism driver-kill executor-kill disk-full concurrent damaged bad-input spark-jar)
for s in "${scenarios[@]}"; do
  log "scenario $s"
  case "$s" in
    driver-kill) driver_kill ;;
    executor-kill) executor_kill ;;
    disk-full) disk_full ;;
    concurrent) concurrent ;;
    damaged) damaged ;;
    determinism) determinism ;;
    bad-input) bad_input ;;
    spark-jar) spark_jar ;;
    *) echo "unknown scenario '$s'" >&2; exit 2 ;;
  esac
done
echo "reliability: $passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
