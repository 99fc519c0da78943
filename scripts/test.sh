#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing, then builds and tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --no-build
mvn -B verify "$@"
