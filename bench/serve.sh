#!/usr/bin/env bash
# Load benchmark of `ocr-cli serve` against the one-process CLI on the same image (issue 5).
# Loopback only, bounded in count: N requests per concurrency level, SOAK requests for the RSS check.
#
#   bench/serve.sh                        # defaults below
#   N=100 SOAK=2000 bench/serve.sh        # quicker
#   IMG=samples/russian.png LANG_SET=eng+rus EXPECT="Привет" bench/serve.sh
#
# Prints the numbers; records nothing by itself (copy them into bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PID=
trap 'echo "serve.sh: command failed at line $LINENO" >&2' ERR
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; true' EXIT   # never leave a server behind

IMG=${IMG:-samples/english.png}
LANG_SET=${LANG_SET:-eng}
EXPECT=${EXPECT:-quick brown fox}
N=${N:-300}            # requests per (jobs, clients) cell
SOAK=${SOAK:-10000}    # requests of the long run (jobs 2, 8 clients), in 5 rounds
WARMUP=${WARMUP:-500}  # requests before the soak's first RSS reading
JOBS_LIST=${JOBS_LIST-"1 2"}   # empty: skip the table
CLI=${CLI:-1}          # 0: skip the CLI baseline
CLIENTS_LIST=${CLIENTS_LIST:-"1 2 8"}
JAR=target/ocr-cli.jar
JAVA_OPTS=${JAVA_OPTS:-}   # e.g. -Xmx512m for the server JVM
SERVE_OPTS=${SERVE_OPTS:-} # more serve options, e.g. --recycle 0

[ -f "$JAR" ] || mvn -B -q -DskipTests package >&2
javac -d target/bench bench/LoadGen.java
loadgen() { java -cp target/bench LoadGen "$@"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }   # kB

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image: $IMG ($(stat -c %s "$IMG") bytes), languages: $LANG_SET, requests per cell: $N"

# --- CLI baseline: one process, one engine, the image N times (model load subtracted).
# Wall time and CPU time (user+sys) are both reported: on a shared machine CPU ms per image is
# the steadier number to compare.
args=(); for _ in $(seq "$N"); do args+=("$IMG"); done
TIMEFORMAT='%R %U %S'
if [ "$CLI" != 0 ]; then
one=$({ time java -jar "$JAR" --lang "$LANG_SET" --format json "$IMG" > /dev/null; } 2>&1)
all=$({ time java -jar "$JAR" --lang "$LANG_SET" --format json "${args[@]}" > /dev/null; } 2>&1)
awk -v n="$N" -v one="$one" -v all="$all" 'BEGIN { split(one, o, " "); split(all, a, " ");
  printf "cli: %d images in one process: %.2f s wall (%.2f images/s); steady state without start-up: %.2f images/s, %.0f CPU ms/image\n",
    n, a[1], n / a[1], (n - 1) / (a[1] - o[1]), ((a[2] + a[3]) - (o[2] + o[3])) * 1000 / (n - 1) }'
fi

TICK=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICK" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }   # process CPU so far

start_server() { # jobs queue -> sets PID, URL
  local log=target/bench/serve-$1-$2.log
  java $JAVA_OPTS -jar "$JAR" serve --port 0 --lang "$LANG_SET" --jobs "$1" --queue "$2" $SERVE_OPTS 2> "$log" > /dev/null &
  PID=$!
  for _ in $(seq 600); do
    if grep -q '^ocr-cli: ready:' "$log" 2>/dev/null; then break; fi
    kill -0 "$PID" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^ocr-cli: ready:' "$log" || { echo "server not ready after 60 s" >&2; cat "$log" >&2; exit 1; }
  URL="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)/v1/ocr"
}
stop_server() {
  kill -TERM "$PID"; local rc=0; wait "$PID" || rc=$?
  echo "server stopped with SIGTERM, exit code $rc"
  PID=
}

# --- server: jobs x clients
for jobs in $JOBS_LIST; do
  start_server "$jobs" 64
  loadgen --url "$URL" --file "$IMG" --n 20 --c "$jobs" --expect "$EXPECT" > /dev/null   # warm-up
  echo "server --jobs $jobs: RSS after warm-up $(rss "$PID") kB"
  for c in $CLIENTS_LIST; do
    c0=$(cpu_ms "$PID")
    printf 'server --jobs %s: ' "$jobs"; loadgen --url "$URL" --file "$IMG" --n "$N" --c "$c" --expect "$EXPECT"
    awk -v a="$c0" -v b="$(cpu_ms "$PID")" -v n="$N" 'BEGIN { printf "    server CPU: %.0f ms/image\n", (b - a) / n }'
  done
  echo "server --jobs $jobs: RSS after $(rss "$PID") kB"
  stop_server
done

# --- deliberate overload: 1 engine, queue of 2, 16 clients: the excess must be 503, nothing else
start_server 1 2
printf 'overload --jobs 1 --queue 2: '; loadgen --url "$URL" --file "$IMG" --n "$N" --c 16 --expect "$EXPECT" --allow-503 || echo "overload: FAILURES above"
stop_server

# --- soak: many requests in 5 rounds, RSS after each, zero 5xx
if [ "$SOAK" -gt 0 ]; then
  start_server 2 64
  loadgen --url "$URL" --file "$IMG" --n "$WARMUP" --c 8 --expect "$EXPECT" > /dev/null   # warm-up
  before=$(rss "$PID")
  echo "soak --jobs 2: RSS after $WARMUP warm-up requests: $before kB"
  for round in 1 2 3 4 5; do
    printf 'soak round %d: ' "$round"; loadgen --url "$URL" --file "$IMG" --n $((SOAK / 5)) --c 8 --expect "$EXPECT" || echo "soak: FAILURES above"
    echo "soak round $round: RSS $(rss "$PID") kB"
  done
  after=$(rss "$PID")
  awk -v b="$before" -v a="$after" -v n="$SOAK" 'BEGIN { printf "soak RSS: %d kB after warm-up, %d kB after %d more requests (%+.1f%%)\n", b, a, n, (a - b) * 100 / b }'
  stop_server
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
