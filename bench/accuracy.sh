#!/usr/bin/env bash
# Accuracy of the default settings against plain Tesseract's reference numbers
# (../shared/notes/baselines.md), with ocr-cli eval. Prints the numbers; asserts nothing.
#
#   bench/accuracy.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f target/ocr-cli.jar ] || mvn -B -q -DskipTests package
shared=../shared/eval
run() { java -jar target/ocr-cli.jar "$@" 2>/dev/null; }

echo "== synthetic, eng+rus, without specials_vis: default (auto) and --preprocess none"
run eval $shared/synthetic --lang eng+rus --exclude 'specials_vis*' | grep -E '^(MEAN|GROUP)'
run eval $shared/synthetic --lang eng+rus --exclude 'specials_vis*' --preprocess none | grep -E '^MEAN'
echo "== synthetic clean files, per file (auto)"
run eval $shared/synthetic --lang eng+rus --include '*__clean.*' --exclude 'specials_vis*' | grep -E '__clean'
echo "== specials_vis (rare letters), eng+rus"
run eval $shared/synthetic --lang eng+rus --include 'specials_vis*' | grep -E 'specials_vis__clean|^MEAN'
echo "== scribe, eng and eng+rus: default (auto) and --preprocess none"
for l in eng eng+rus; do
  echo "$l auto: $(run eval $shared/scribe/img --gt $shared/scribe/ground_truth --lang $l | tail -1)"
  echo "$l none: $(run eval $shared/scribe/img --gt $shared/scribe/ground_truth --lang $l --preprocess none | tail -1)"
done
echo "== Tess4J / Tesseract test pages"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
run $shared/real/tess4j/eurotext_deskew.png | head -2 > "$t/deskew.txt"
printf 'The (quick) [brown] {fox} jumps!\nOver the $43,456.78 <lazy> #90 dog\n' | cmp -s - "$t/deskew.txt" \
  && echo "eurotext_deskew.png: expected prefix" || { echo "eurotext_deskew.png: DIFFERENT"; cat "$t/deskew.txt"; }
for r in L R 180; do
  run $shared/real/tesseract-test/phototest-rotated-$r.png > "$t/p.txt"
  cmp -s "$t/p.txt" $shared/real/tesseract-test/phototest.txt && echo "phototest-rotated-$r.png: equal to phototest.txt" \
    || echo "phototest-rotated-$r.png: DIFFERENT (cer $(python3 ../shared/tools/cer.py $shared/real/tesseract-test/phototest.txt "$t/p.txt"))"
done
echo "== headline sample, eng+rus"
run samples/multilingual.png --lang eng+rus | diff <(sed 's/‑/-/g' samples/multilingual.txt) - && echo "samples/multilingual.png: exactly the three expected lines"
