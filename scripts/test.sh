#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing, then builds and tests,
# then fuzzes each fuzz target for a minute (docs/robustness.md; OCR_FUZZ_ROUNDS=0 skips that,
# OCR_FUZZ_ROUNDS=N fuzzes N minutes per target).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --no-build
# no colour escapes from Maven in logs (Debian's Maven 3.8 writes resets even with -B)
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -Dstyle.color=never verify "$@"
rounds="${OCR_FUZZ_ROUNDS:-1}"
if [ "$rounds" != 0 ]; then
  bash scripts/fuzz.sh "$rounds"
fi
