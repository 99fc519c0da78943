#!/usr/bin/env bash
# Fuzzes ocr-cli's loaders and HTTP handler with Jazzer (docs/robustness.md).
#
#   scripts/fuzz.sh [ROUNDS] [TARGET...]
#
# Each round fuzzes every TARGET (default: ImageFuzzTest PdfFuzzTest ServerFuzzTest) for the 60 s
# its @FuzzTest allows, in a JVM of its own; the corpus each run grows is kept in .cifuzz-corpus/
# (git-ignored), so rounds add up to one long run. A finding fails the run, prints the input and
# saves it under src/test/resources/dev/ocrcli/fuzz/<Target>Inputs/, where the ordinary test run
# replays it from then on. Needs the test classes built (mvn -o test-compile, or a finished verify).
# `-pl :ocr-cli`: only the core + CLI module (ocr-cli.xml); a bare goal such as surefire:test cannot
# resolve the Spark module's dependency on the core without a lifecycle phase.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-1}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ImageFuzzTest PdfFuzzTest ServerFuzzTest)
# coverage guidance inside the decoders too, not only in our own classes
export JAZZER_INSTRUMENTATION_INCLUDES='dev.ocrcli.**:com.twelvemonkeys.**:org.apache.pdfbox.**:org.apache.fontbox.**:jj2000.**:com.github.jaiimageio.**'
export JAZZER_FUZZ=1
mkdir -p target/fuzz
for ((r = 1; r <= rounds; r++)); do
  for t in "${targets[@]}"; do
    log="target/fuzz/$t-$r.log"
    echo "fuzz: $t, round $r of $rounds (log: $log)"
    if ! mvn -B -o -q -pl :ocr-cli surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
      grep -a -E 'FuzzTestFinding|Exception|Error' "$log" | head -20 >&2 || true
      echo "fuzz: $t found a problem; see $log" >&2
      exit 1
    fi
    grep -a -E '^Done [0-9]+ runs' "$log" | sed "s/^/fuzz: $t: /" || true
  done
done
