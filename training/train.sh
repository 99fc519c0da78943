#!/usr/bin/env bash
# Fine-tune a Tesseract LSTM model that reads Latin + Cyrillic text including the rare letters
# Ŀ ŀ Ҕ ҕ Ǣ ǣ (and Ҙ ҙ Ҫ ҫ Һ һ Ө ө Ү ү Ǽ ǽ Þ þ Ð ð Ƿ ƿ), end to end:
#   corpus -> text2image line pages -> .lstmf -> merged unicharset -> starter traineddata
#   -> lstmtraining (fine-tune from a float base) -> integer (fast) model.
#
# usage: training/train.sh [--smoke] [--iterations N] [--lines-per-font N] [--base fra|mkd]
#                          [--name NAME] [--work DIR] [--out DIR] [--fonts "F1,F2,..."]
#                          [--ptsizes "12 13 11"] [--lr 0.001] [--no-install]
#   --smoke   a few fonts, a few lines, a few iterations, everything in a temporary directory
#             (removed afterwards unless KEEP=1); the committed model is never touched (CI).
# Env: BASE_DIR (float base models, default: ../shared/models beside the repo).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"

# ---- parameters ---------------------------------------------------------------------------
NAME=engrusx
BASE=fra
ITERATIONS=11000
LINES_PER_FONT=400
LR=0.001
SEED=7
PTSIZES="12 11 13 14 12 10"
WORK="$HERE/work"
OUT="$REPO/tessdata"
SMOKE=0
BASE_DIR="${BASE_DIR:-$REPO/../shared/models}"
# Training fonts (all Debian packages: fonts-dejavu, fonts-freefont-ttf, fonts-liberation2,
# fonts-noto-core, fonts-paratype). PT fonts lack Ŀ/Ǣ: text2image drops those words there.
FONTS="DejaVu Sans,DejaVu Serif,DejaVu Sans Bold,DejaVu Serif Italic,DejaVu Sans Semi-Condensed,\
FreeSans,FreeSerif,FreeSerif Bold,FreeMono,Liberation Serif,Liberation Sans Bold,\
Liberation Serif Italic,Liberation Mono,Noto Sans,Noto Sans Italic,Noto Serif Bold,PT Sans,PT Serif"
# Held-out fonts, never used in training (see evaluate.sh).
EVAL_FONTS="Noto Serif,Liberation Sans,DejaVu Sans Mono,FreeSans Oblique"

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --iterations) ITERATIONS="$2"; shift ;;
    --lines-per-font) LINES_PER_FONT="$2"; shift ;;
    --base) BASE="$2"; shift ;;
    --name) NAME="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --fonts) FONTS="$2"; shift ;;
    --ptsizes) PTSIZES="$2"; shift ;;
    --lr) LR="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$SMOKE" = 1 ]; then
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/ocrx-smoke.XXXXXX")"
  OUT="$WORK/out"
  FONTS="DejaVu Sans,FreeSerif"
  LINES_PER_FONT=25
  ITERATIONS=30
fi

export OMP_THREAD_LIMIT=1
NICE="nice -n 5"
log() { echo "[$(date +%H:%M:%S)] $*"; }
for t in text2image tesseract lstmtraining combine_tessdata unicharset_extractor merge_unicharsets combine_lang_model; do
  command -v "$t" >/dev/null || { echo "missing $t (apt-get install tesseract-ocr)" >&2; exit 1; }
done
[ -f "$BASE_DIR/$BASE.traineddata" ] || { echo "no float base $BASE_DIR/$BASE.traineddata" >&2; exit 1; }

T0=$(date +%s)
mkdir -p "$WORK" "$OUT"
WORK="$(cd "$WORK" && pwd)"
TEXT="$WORK/text"; LINES="$WORK/lines"; LANGD="$WORK/lang"; CKPT="$WORK/ckpt"; BASEX="$WORK/base"
rm -rf "$TEXT" "$LINES" "$LANGD" "$CKPT"
mkdir -p "$TEXT" "$LINES" "$LANGD" "$CKPT" "$BASEX" "$WORK/fc"

# ---- 1. corpus: a different random draw of lines for each font ------------------------------
log "corpus"
IFS=',' read -r -a FONT_ARR <<< "$FONTS"
i=0
for f in "${FONT_ARR[@]}"; do
  python3 "$HERE/make_corpus.py" --out "$TEXT/f$i" --lines "$LINES_PER_FONT" --eval-lines 0 --seed $((SEED * 100 + i))
  i=$((i + 1))
done
cat "$TEXT"/f*/train.txt > "$TEXT/all_train.txt"

# ---- 2. render pages and make .lstmf files ---------------------------------------------------
read -r -a PT_ARR <<< "$PTSIZES"
render() { # font text outbase ptsize
  $NICE text2image --fonts_dir /usr/share/fonts --fontconfig_tmpdir "$WORK/fc" --font "$1" \
    --text "$2" --outputbase "$3" --ptsize "$4" --resolution 300 --strip_unrenderable_words \
    --leading 20 --xsize 2550 --ysize 3300 --margin 100 --char_spacing 0 >"$3.log" 2>&1 \
    || { echo "text2image failed for $1 (see $3.log)" >&2; return 1; }
  $NICE tesseract "$3.tif" "$3" --psm 6 lstm.train >>"$3.log" 2>&1
}
i=0
: > "$WORK/train.list"
for f in "${FONT_ARR[@]}"; do
  ob="$LINES/$(echo "$f" | tr ' ' '_')"
  pt="${PT_ARR[$((i % ${#PT_ARR[@]}))]}"
  log "render $f ${pt}pt"
  render "$f" "$TEXT/f$i/train.txt" "$ob" "$pt"
  [ -s "$ob.lstmf" ] && echo "$ob.lstmf" >> "$WORK/train.list"
  i=$((i + 1))
done

# ---- 3. unicharset = base model's lstm-unicharset + everything in the training text --------
log "unicharset + starter traineddata"
( cd "$BASEX" && combine_tessdata -u "$BASE_DIR/$BASE.traineddata" "$BASE." >/dev/null 2>&1 )
unicharset_extractor --norm_mode 1 --output_unicharset "$WORK/text.unicharset" "$TEXT/all_train.txt" >/dev/null 2>&1
merge_unicharsets "$BASEX/$BASE.lstm-unicharset" "$WORK/text.unicharset" "$WORK/merged.unicharset" >/dev/null 2>&1
mkdir -p "$WORK/script"; printf '\n' > "$WORK/script/radical-stroke.txt"
combine_lang_model --input_unicharset "$WORK/merged.unicharset" --script_dir "$WORK/script" \
  --output_dir "$LANGD" --lang "$NAME" >"$WORK/combine_lang_model.log" 2>&1

# ---- 4. fine-tune ------------------------------------------------------------------------------
log "lstmtraining $ITERATIONS iterations from $BASE (lr $LR)"
TT0=$(date +%s)
$NICE lstmtraining --continue_from "$BASEX/$BASE.lstm" --old_traineddata "$BASE_DIR/$BASE.traineddata" \
  --traineddata "$LANGD/$NAME/$NAME.traineddata" --model_output "$CKPT/$NAME" \
  --train_listfile "$WORK/train.list" --max_iterations "$ITERATIONS" \
  --learning_rate "$LR" --reset_learning_rate --debug_interval 0 --target_error_rate 0.001 \
  > "$WORK/lstmtraining.log" 2>&1
TT1=$(date +%s)
grep -E "^At iteration|Finished" "$WORK/lstmtraining.log" | tail -3 || true

# ---- 5. integer (fast) model -------------------------------------------------------------------
log "convert to int"
lstmtraining --stop_training --convert_to_int --continue_from "$CKPT/${NAME}_checkpoint" \
  --traineddata "$LANGD/$NAME/$NAME.traineddata" --model_output "$OUT/$NAME.traineddata" >"$WORK/stop.log" 2>&1
T1=$(date +%s)
log "done: $OUT/$NAME.traineddata ($(du -k "$OUT/$NAME.traineddata" | cut -f1) KB); training $((TT1 - TT0)) s, total $((T1 - T0)) s"
echo "$((TT1 - TT0)) $((T1 - T0))" > "$WORK/times.txt"

if [ "$SMOKE" = 1 ]; then
  # The smoke model must load and read something.
  echo "Hello ŀ Ҕ Ǣ" > "$WORK/s.txt"
  text2image --fonts_dir /usr/share/fonts --fontconfig_tmpdir "$WORK/fc" --font "DejaVu Sans" \
    --text "$WORK/s.txt" --outputbase "$WORK/s" --ptsize 12 --resolution 300 --xsize 1200 --ysize 300 >/dev/null 2>&1
  got="$(tesseract "$WORK/s.tif" - -l "$NAME" --tessdata-dir "$OUT" --psm 7 2>/dev/null | head -1)"
  echo "smoke model read: $got"
  [ -n "$got" ] || { echo "smoke FAILED: the smoke model read nothing" >&2; exit 1; }
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
  log "smoke OK"
fi
