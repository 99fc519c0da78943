#!/usr/bin/env bash
# Compares what two commits print on every evaluation set under ../shared/eval: the text of every
# page and every word (text, confidence, box) of the JSON output. Each commit is built in a
# temporary worktree; its outputs are kept under bench/out/diff/COMMIT/ and reused on the next run.
#
#   bench/diff-outputs.sh BASE [HEAD]        # HEAD defaults to the working tree ("work")
#   JOBS=2 bench/diff-outputs.sh 65a222b     # engines per run (default: 2)
#
# Prints one line per configuration (files compared, texts equal, word lists equal) and, for
# each file that differs, the first differing words. Exit 0 when everything is identical, 1 when
# something differs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
shared=$(cd ../shared/eval && pwd)
base=${1:?usage: bench/diff-outputs.sh BASE [HEAD]}
head=${2:-work}
jobs=${JOBS:-2}
out=$repo/bench/out/diff

# name | languages | inputs (folders or files below ../shared/eval) | extra options
configs=(
  "synthetic|eng+rus|synthetic|"
  "scribe-eng|eng|scribe/img|"
  "scribe-engrus|eng+rus|scribe/img|"
  "scribe-none|eng|scribe/img|--preprocess none"
  "receipts|eng|receipts/img|"
  "real|eng|real/tess4j real/tesseract-test|"
)

build() {  # commit -> path of its jar
  local c=$1 dir
  if [ "$c" = work ]; then
    (cd "$repo" && mvn -B -q -o -Dmaven.test.skip=true package >&2)
    echo "$repo/target/ocr-cli.jar"
    return
  fi
  dir=$out/build-$c
  if [ ! -f "$dir/target/ocr-cli.jar" ]; then
    rm -rf "$dir"
    git -C "$repo" worktree add -f --detach "$dir" "$c" >&2
    (cd "$dir" && mvn -B -q -o -Dmaven.test.skip=true package >&2)
  fi
  echo "$dir/target/ocr-cli.jar"
}

run() {  # commit jar -> outputs under $out/commit/config/
  local c=$1 jar=$2 spec name langs inputs extra dest
  for spec in "${configs[@]}"; do
    IFS='|' read -r name langs inputs extra <<<"$spec"
    dest=$out/$c/$name
    if [ "$c" != work ] && [ -f "$dest/.done" ]; then
      continue
    fi
    rm -rf "$dest"
    mkdir -p "$dest"
    local args=()
    for i in $inputs; do args+=("$shared/$i"); done
    # shellcheck disable=SC2086
    java -XX:+UseSerialGC -jar "$jar" "${args[@]}" --lang "$langs" $extra -j "$jobs" -o "$dest" -f json \
        --no-progress 2>"$dest/.stderr" || true
    touch "$dest/.done"
  done
}

resolve() { [ "$1" = work ] && echo work || git -C "$repo" rev-parse --short "$1"; }
b=$(resolve "$base")
h=$(resolve "$head")
run "$b" "$(build "$b")"
run "$h" "$(build "$h")"

python3 - "$out/$b" "$out/$h" <<'EOF'
import json, os, sys
a_root, b_root = sys.argv[1], sys.argv[2]
differs = False
def words(doc):
    return [(w["text"], w["confidence"], tuple(w["box"].values()))
            for p in doc["pages"] for l in p["lines"] for w in l["words"]]
for name in sorted(os.listdir(a_root)):
    da, db = os.path.join(a_root, name), os.path.join(b_root, name)
    files = sorted(f for f in os.listdir(da) if f.endswith(".json"))
    n = same_text = same_words = 0
    notes = []
    for f in files:
        n += 1
        pa, pb = os.path.join(da, f), os.path.join(db, f)
        if not os.path.exists(pb):
            notes.append(f"  {f}: missing in the second run")
            continue
        ja, jb = json.load(open(pa, encoding="utf-8")), json.load(open(pb, encoding="utf-8"))
        ta, tb = ja["text"], jb["text"]
        wa, wb = words(ja), words(jb)
        same_text += ta == tb
        same_words += wa == wb
        if ta != tb or wa != wb:
            k = next((i for i, (x, y) in enumerate(zip(wa, wb)) if x != y), min(len(wa), len(wb)))
            notes.append(f"  {f}: text {'same' if ta == tb else 'DIFFERENT'}, words {len(wa)} -> {len(wb)}, "
                         f"first difference at word {k}: {wa[k:k+3]} -> {wb[k:k+3]}")
    extra = sorted(set(os.listdir(db)) - set(os.listdir(da)))
    extra = [f for f in extra if f.endswith(".json")]
    for f in extra:
        notes.append(f"  {f}: only in the second run")
    print(f"{name}: {n} files, text identical {same_text}/{n}, words identical {same_words}/{n}")
    for line in notes:
        print(line)
    differs |= bool(notes)
sys.exit(1 if differs else 0)
EOF
