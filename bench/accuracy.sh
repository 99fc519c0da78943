#!/usr/bin/env bash
# Accuracy of the default settings on every visible evaluation set, page by page, against
# --preprocess none and plain Tesseract run in the same go (bench/accuracy.py), then the
# Tess4J/Tesseract test pages and the headline sample. Prints the numbers; asserts nothing.
#
#   bench/accuracy.sh [EXTRA OCR-CLI OPTIONS]       # LABEL=name keeps outputs under bench/out/accuracy/name
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f target/ocr-cli.jar ] || mvn -B -q -DskipTests package
shared=../shared/eval
run() { java -jar target/ocr-cli.jar "$@" 2>/dev/null; }

# every visible set page by page: ocr-cli, ocr-cli --preprocess none, plain Tesseract (bench/accuracy.py)
python3 bench/accuracy.py --label "${LABEL:-current}" -- "$@"
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
