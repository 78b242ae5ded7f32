#!/usr/bin/env bash
# `selfdirect ras run` end to end over a 1,000,000-row CSV of people (points model): wall time
# and peak memory, beside the floor of reading the same file with the same CSV reader.
# Usage: bench/ras_run.sh BUILD_DIR
set -euo pipefail
BUILD=${1:-build/release}
DATA="$BUILD/bench-data"
mkdir -p "$DATA"
PEOPLE="$DATA/people-1m.csv"
[ -f "$PEOPLE" ] || "$BUILD/bench/make_people" models/points-price.yaml 1000000 "$PEOPLE"
measure() {  # prints "seconds peak_kb" for the command
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
}
# Warm the page cache so both read the file from memory.
cat "$PEOPLE" > /dev/null
read -r run_s run_kb < <(measure "$BUILD/selfdirect" ras run --model models/points-price.yaml \
  --input "$PEOPLE" --output "$DATA/amounts.csv")
read -r scan_s scan_kb < <(measure "$BUILD/bench/csv_scan" "$PEOPLE")
rows=$(($(wc -l < "$DATA/amounts.csv") - 1))
printf '%-44s %10s %12s %14s %8s\n' "benchmark" "seconds" "peak MB" "baseline s" "ratio"
printf '%-44s %10.2f %12.1f %14.2f %7.2fx\n' "ras run, 1,000,000 people ($rows worked out)" \
  "$run_s" "$(awk "BEGIN{print $run_kb/1024}")" "$scan_s" "$(awk "BEGIN{print $run_s/$scan_s}")"
