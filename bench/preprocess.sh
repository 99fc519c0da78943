#!/usr/bin/env bash
# Preprocessing cost: time spent in the image pipeline against time spent recognising, per
# page, over a set of real pages (default: the Scribe scans in ../shared), plus the wall time of
# the same run with --preprocess none. Prints numbers; asserts nothing.
#
#   bench/preprocess.sh [IMAGE...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f target/ocr-cli.jar ] || mvn -B -q -DskipTests package
if [ $# -eq 0 ]; then set -- ../shared/eval/scribe/img/*; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
s=$(date +%s%N); java -jar target/ocr-cli.jar -f json --preprocess auto "$@" > "$out/auto.jsonl"; e=$(date +%s%N)
auto_wall=$(( (e - s) / 1000000 ))
s=$(date +%s%N); java -jar target/ocr-cli.jar -f json --preprocess none "$@" > "$out/none.jsonl"; e=$(date +%s%N)
none_wall=$(( (e - s) / 1000000 ))
python3 - "$out/auto.jsonl" "$auto_wall" "$none_wall" <<'PY'
import json, sys, statistics
rows = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    for p in d["pages"]:
        pre = sum(s["ms"] for s in p["preprocessing"] if s["step"] not in ("orient", "sparse", "scripts", "letters", "tiles"))
        rec = d["timing_ms"]["recognize"] - pre
        rows.append((d["source"].split("/")[-1], pre, rec))
print(f"{'page':22s} {'pipeline ms':>12s} {'recognition ms':>15s} {'overhead':>9s}")
for name, pre, rec in rows:
    print(f"{name:22s} {pre:12.0f} {rec:15.0f} {pre / max(rec, 1):8.1%}")
pre_total = sum(r[1] for r in rows); rec_total = sum(r[2] for r in rows)
print(f"{'TOTAL':22s} {pre_total:12.0f} {rec_total:15.0f} {pre_total / rec_total:8.1%}")
print(f"median overhead per page: {statistics.median(r[1] / max(r[2], 1) for r in rows):.1%}")
print(f"wall time, one JVM over all pages: auto {int(sys.argv[2]) / 1000:.1f} s, none {int(sys.argv[3]) / 1000:.1f} s")
PY
