#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing, then builds and tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --no-build
# no colour escapes from Maven in logs (Debian's Maven 3.8 writes resets even with -B)
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -Dstyle.color=never verify "$@"
