#!/usr/bin/env bash
# Cold start: wall time of one ocr-cli run on a small image against Debian's tesseract CLI on
# the same image with the same languages, median of repeated runs, measured in one go so the
# ratio is fair on a noisy machine. Prints a table; does not assert anything.
#
#   bench/coldstart.sh [IMAGE] [LANGS] [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
img=${1:-samples/english.png}
langs=${2:-eng+rus}
runs=${3:-20}
command -v hyperfine >/dev/null || { echo "needs hyperfine (scripts/setup.sh installs it)" >&2; exit 1; }
command -v tesseract >/dev/null || { echo "needs Debian's tesseract (scripts/setup.sh installs it)" >&2; exit 1; }
[ -f target/ocr-cli.jar ] || mvn -B -q -DskipTests package
./ocr "$img" -l "$langs" >/dev/null   # builds the CDS archive on first use

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/h.json" \
  -n "tesseract (Debian 5.3)" "tesseract $img - -l $langs" \
  -n "tesseract OMP_THREAD_LIMIT=1" "env OMP_THREAD_LIMIT=1 tesseract $img - -l $langs" \
  -n "./ocr (launcher, CDS)" "./ocr $img -l $langs" \
  -n "java -jar target/ocr-cli.jar" "java -jar target/ocr-cli.jar $img -l $langs" >&2

python3 - "$out/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
print(f"{'command':36s} {'median s':>9s} {'vs tesseract':>13s}")
for x in r:
    print(f"{x['command']:36s} {x['median']:9.3f} {x['median']/base:12.2f}x")
PY
