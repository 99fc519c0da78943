#!/usr/bin/env bash
# Latin and Cyrillic on one page, measured the way issue 18 checks it: pages of texts written for
# this benchmark (English, Russian, mixed lines, codes and units such as K-17 and 21 C, Russian
# words made only of letters with Latin look-alikes, the rare letters Ŀ ŀ Ҕ ҕ Ǣ ǣ among others),
# drawn in fonts training/ never trains on, under the eleven conditions of ../shared/eval/synthetic
# (bench/ScriptsPages.java), read with --lang eng+rus, scored by bench/scripts_score.py: mean CER
# per condition, words in the wrong script, rare letters read; then whether the headline sample
# (samples/multilingual.txt) comes back exact in each font. Prints numbers; asserts nothing.
#
#   bench/scripts.sh [--jar JAR] [--all-fonts] [--list] [--keep DIR] [-- EXTRA OCR-CLI OPTIONS]
#
# --all-fonts  every text in every held-out font (275 pages instead of 55)
# --list       every page's CER, every wrong-script word and missed rare letter
# --keep DIR   pages and outputs are kept in DIR (default: a temporary folder, removed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=target/ocr-cli.jar
fonts=()
list=()
keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift ;;
    --all-fonts) fonts=(--all-fonts) ;;
    --list) list=(--list) ;;
    --keep) keep="$2"; shift ;;
    --) shift; break ;;
    *) echo "ocr-cli: error: bench/scripts.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$jar" ] || mvn -B -q -o package -pl :ocr-cli -DskipTests
if [ -n "$keep" ]; then
  dir="$keep"; rm -rf "$dir/pages" "$dir/out" "$dir/headline" "$dir/headline-out"; mkdir -p "$dir"
else
  dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
fi
java bench/ScriptsPages.java "$dir/pages" "${fonts[@]}"
s=$(date +%s)
java -XX:+UseSerialGC -jar "$jar" "$dir"/pages/*.png "$dir"/pages/*.jpg --lang eng+rus -o "$dir/out" -f txt --no-progress -j 2 "$@"
echo "read in $(( $(date +%s) - s )) s"
python3 bench/scripts_score.py "$dir/pages" "$dir/out" "${list[@]}"
# the headline sample (samples/multilingual.txt), clean, in every held-out font: exact or not
java bench/ScriptsPages.java "$dir/headline" --headline samples/multilingual.txt
java -XX:+UseSerialGC -jar "$jar" "$dir"/headline/*.png --lang eng+rus -o "$dir/headline-out" -f txt --no-progress -j 2 "$@"
python3 bench/scripts_score.py "$dir/headline" "$dir/headline-out" --exact "${list[@]}"
