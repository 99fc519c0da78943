#!/usr/bin/env bash
# Fuzzes ocr-cli's loaders and HTTP handler with Jazzer (docs/robustness.md).
#
#   scripts/fuzz.sh [ROUNDS] [TARGET...]
#
# Each round fuzzes every TARGET (default: ImageFuzzTest PdfFuzzTest ServerFuzzTest) for the 60 s
# its @FuzzTest allows, in a JVM of its own; the corpus each run grows is kept in .cifuzz-corpus/
# (git-ignored), so rounds add up to one long run. Needs the test classes built (mvn -o
# test-compile, or a finished verify). `-pl :ocr-cli`: only the core + CLI module (ocr-cli.xml);
# a bare goal such as surefire:test cannot resolve the Spark module's dependency on the core
# without a lifecycle phase.
#
# When a run stops early, the reason libFuzzer or Jazzer gave is printed, and the input it saved
# is replayed at once as an ordinary (deterministic) regression test, in a fresh JVM:
#  - the replay fails: a real finding. The run fails; the input stays under
#    src/test/resources/dev/ocrcli/fuzz/<Target>Inputs/, where every `mvn verify` replays it
#    until it is fixed (commit it with the fix).
#  - the replay passes: the stop came from the fuzzing process itself (its memory grown over
#    thousands of inputs, a slow input on a loaded machine), not from the input. It is reported
#    and kept under target/fuzz/unreproduced/ for a look, and the run goes on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-1}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ImageFuzzTest PdfFuzzTest ServerFuzzTest)
# coverage guidance inside the decoders too, not only in our own classes
export JAZZER_INSTRUMENTATION_INCLUDES='dev.ocrcli.**:com.twelvemonkeys.**:org.apache.pdfbox.**:org.apache.fontbox.**:jj2000.**:com.github.jaiimageio.**'
inputs=src/test/resources/dev/ocrcli/fuzz
# A run takes its 60 s plus the JVM's start; one has been seen to hang 30 minutes inside the fuzzer
# ("working on the last Unit for 1798 seconds", then libFuzzer's own 1200 s timeout fired late) with
# an input that replays in milliseconds. No target may take longer than this many seconds.
# Each target's @Timeout is its per-input limit: Jazzer hands it to libFuzzer (-timeout), which
# saves an input that runs past it as timeout-* (replayed below like any finding). JUnit's own
# timing is turned off for the fuzzing run, or it would time the whole 60 s run as one call.
limit="${OCR_FUZZ_TARGET_LIMIT:-300}"

# run_limited LOG CMD...: runs CMD (in a session of its own, so the forked test JVM goes with it)
# with output to LOG, killed after $limit s; returns CMD's status, or 124 when it was killed.
run_limited() {
  local log=$1
  shift
  setsid "$@" > "$log" 2>&1 &
  local pid=$! waited=0
  while kill -0 "$pid" 2> /dev/null; do
    if [ "$waited" -ge "$limit" ]; then
      printf "\nfuzz: stopped after %s s (OCR_FUZZ_TARGET_LIMIT)\n" "$limit" >> "$log"
      kill -TERM -- "-$pid" 2> /dev/null || true
      sleep 5
      kill -KILL -- "-$pid" 2> /dev/null || true
      wait "$pid" 2> /dev/null || true
      return 124
    fi
    sleep 1
    waited=$((waited + 1))
  done
  wait "$pid"
}
mkdir -p target/fuzz
unreproduced=0
for ((r = 1; r <= rounds; r++)); do
  for t in "${targets[@]}"; do
    log="target/fuzz/$t-$r.log"
    echo "fuzz: $t, round $r of $rounds (log: $log)"
    stamp="target/fuzz/.$t-$r.start"
    touch "$stamp"
    if JAZZER_FUZZ=1 run_limited "$log" mvn -B -o -q -pl :ocr-cli surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djunit.jupiter.execution.timeout.mode=disabled; then
      grep -a -E '^Done [0-9]+ runs' "$log" | sed "s/^/fuzz: $t: /" || true
      continue
    fi
    # why it stopped: libFuzzer's and Jazzer's own report lines, not the instrumentation log
    grep -a -E 'OCR_FUZZ_TARGET_LIMIT|==[0-9]*==|ERROR: libFuzzer|FuzzTestFinding|== Java Exception|Caused by|out-of-memory|[Tt]imeout|deadly signal|SIGSEGV|SIGKILL|OutOfMemoryError|^\s+at dev\.ocrcli' "$log" \
      | grep -a -v '^INFO: Instrumented' | head -20 | sed "s/^/fuzz: $t: /" >&2 || true
    # inputs this run saved: Jazzer's (in the corpus it replays) and libFuzzer's crash-/timeout-/oom- files
    saved=$( { find "$inputs/${t}Inputs" -type f -newer "$stamp" 2>/dev/null;
               find . -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) -newer "$stamp"; } || true)
    if [ -z "$saved" ]; then
      echo "fuzz: $t stopped without saving an input (see $log); replaying the seed corpus" >&2
    fi
    replay_dir="$inputs/${t}Inputs/$(ls "$inputs/${t}Inputs" | head -1)"
    for f in $saved; do
      case "$f" in "$inputs"/*) ;; *) mv "$f" "$replay_dir/" ; ;; esac
    done
    if mvn -B -o -q -pl :ocr-cli surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false > "$log.replay" 2>&1; then
      mkdir -p target/fuzz/unreproduced
      for f in $saved; do
        b=$(basename "$f")
        [ -f "$replay_dir/$b" ] && mv "$replay_dir/$b" target/fuzz/unreproduced/ || mv "$f" target/fuzz/unreproduced/ 2>/dev/null || true
      done
      echo "fuzz: $t: the run stopped early but its input passes when replayed (see $log); not a finding" >&2
      unreproduced=$((unreproduced + 1))
    else
      grep -a -E 'FAIL|Exception|Error' "$log.replay" | grep -a -v '^INFO: Instrumented' | head -20 >&2 || true
      echo "fuzz: $t found a problem that reproduces; see $log and $log.replay" >&2
      exit 1
    fi
  done
done
[ "$unreproduced" = 0 ] || echo "fuzz: $unreproduced run(s) stopped early without a reproducible finding" >&2
