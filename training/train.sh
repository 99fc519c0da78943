#!/usr/bin/env bash
# Fine-tune a Tesseract LSTM model that reads Latin + Cyrillic text including the rare letters
# Ŀ ŀ Ҕ ҕ Ǣ ǣ (and Ҙ ҙ Ҫ ҫ Һ һ Ө ө Ү ү Ǽ ǽ Þ þ Ð ð Ƿ ƿ), end to end:
#   corpus -> text2image line pages -> .lstmf -> merged unicharset -> starter traineddata
#   -> lstmtraining (fine-tune from a float base) -> integer (fast) model.
#
# usage: training/train.sh [--smoke] [--iterations N] [--lines-per-font N] [--base fra|mkd]
#                          [--name NAME] [--work DIR] [--out DIR] [--fonts "F1,F2,..."]
#                          [--ptsizes "12 13 11"] [--lr 0.001] [--degrade all|"blur lowres ..."]
#   --fonts wide  the 42 faces of the wide-font experiment (tessdata/MODELS.md) instead of the 18
#   --degrade  adds a second draw of lines for every font, degraded by these in turn ("all": blur
#             lowres jpeg noise faint); none by default (the committed model has none)
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
# Training fonts of the committed model (Debian packages fonts-dejavu, fonts-freefont-ttf,
# fonts-liberation2, fonts-noto-core, fonts-paratype). PT fonts lack Ŀ/Ǣ: text2image drops those
# words there.
FONTS="DejaVu Sans,DejaVu Serif,DejaVu Sans Bold,DejaVu Serif Italic,DejaVu Sans Semi-Condensed,\
FreeSans,FreeSerif,FreeSerif Bold,FreeMono,Liberation Serif,Liberation Sans Bold,\
Liberation Serif Italic,Liberation Mono,Noto Sans,Noto Sans Italic,Noto Serif Bold,PT Sans,PT Serif"
# --fonts wide: every face of the five families (Debian packages fonts-dejavu, fonts-freefont-ttf,
# fonts-liberation2, fonts-noto-core, fonts-paratype) except the held-out ones below and their
# siblings of the same slant that were not already here (tried, not shipped: tessdata/MODELS.md).
WIDE_FONTS="DejaVu Sans,DejaVu Sans Bold,DejaVu Sans Oblique,DejaVu Sans Bold Oblique,DejaVu Sans Semi-Condensed,\
DejaVu Sans Bold Semi-Condensed,DejaVu Serif,DejaVu Serif Bold,DejaVu Serif Italic,DejaVu Serif Bold Italic,\
DejaVu Serif Semi-Condensed,FreeSans,FreeSans Semi-Bold,FreeSerif,FreeSerif Bold,FreeSerif Italic,\
FreeSerif Bold Italic,FreeMono,FreeMono Oblique,Liberation Serif,Liberation Serif Bold,Liberation Serif Italic,\
Liberation Serif Bold Italic,Liberation Sans Bold,Liberation Mono,Liberation Mono Bold,Liberation Mono Italic,\
Noto Sans,Noto Sans Bold,Noto Sans Italic,Noto Sans Bold Italic,Noto Sans Display,Noto Serif Bold,\
Noto Serif Italic,Noto Serif Display,Noto Serif Display Bold Italic,PT Sans,PT Sans Bold,PT Sans Narrow Condensed,\
PT Serif,PT Serif Italic,PT Mono"
# --degrade all: every font's second draw of lines is drawn again with one of these, in turn (see
# degrade() below), so the model sees blurred, low-resolution, JPEG, noisy and faint print, not
# only text2image's clean pages (tried, not shipped: tessdata/MODELS.md).
ALL_DEGRADE="blur lowres jpeg noise faint"
DEGRADE=""
# Held-out fonts, never used in training: training/evaluate.py's and bench/ScriptsPages.java's.
EVAL_FONTS="Noto Serif,Liberation Sans,Liberation Sans Italic,DejaVu Sans Mono,FreeSans Oblique,FreeMono Bold"

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --degrade) if [ "$2" = all ]; then DEGRADE="$ALL_DEGRADE"; else DEGRADE="$2"; fi; shift ;;
    --iterations) ITERATIONS="$2"; shift ;;
    --lines-per-font) LINES_PER_FONT="$2"; shift ;;
    --base) BASE="$2"; shift ;;
    --name) NAME="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --fonts) if [ "$2" = wide ]; then FONTS="$WIDE_FONTS"; else FONTS="$2"; fi; shift ;;
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
  DEGRADE=blur
  LINES_PER_FONT=25
  ITERATIONS=30
fi

export OMP_THREAD_LIMIT=1
NICE="nice -n 5"
log() { echo "[$(date +%H:%M:%S)] $*"; }
for t in text2image tesseract lstmtraining combine_tessdata unicharset_extractor merge_unicharsets combine_lang_model; do
  command -v "$t" >/dev/null || { echo "missing $t (apt-get install tesseract-ocr)" >&2; exit 1; }
done
# ImageMagick for the degraded copies; /usr/local/bin may hold a stand-in that is not it.
IM=""
for c in convert /usr/bin/convert; do
  if "$c" -version 2>/dev/null | grep -q ImageMagick; then IM="$c"; break; fi
done
[ -n "$IM" ] || [ -z "$DEGRADE" ] || { echo "missing ImageMagick's convert (apt-get install imagemagick), or pass --degrade ''" >&2; exit 1; }
[ -f "$BASE_DIR/$BASE.traineddata" ] || { echo "no float base $BASE_DIR/$BASE.traineddata" >&2; exit 1; }

T0=$(date +%s)
mkdir -p "$WORK" "$OUT"
WORK="$(cd "$WORK" && pwd)"
TEXT="$WORK/text"; LINES="$WORK/lines"; LANGD="$WORK/lang"; CKPT="$WORK/ckpt"; BASEX="$WORK/base"
rm -rf "$TEXT" "$LINES" "$LANGD" "$CKPT"
mkdir -p "$TEXT" "$LINES" "$LANGD" "$CKPT" "$BASEX" "$WORK/fc"

# ---- 1. corpus: two different random draws of lines for each font ---------------------------
# f$i is drawn clean, d$i degraded (step 2); no two draws share a seed (up to 50 fonts).
log "corpus"
IFS=',' read -r -a FONT_ARR <<< "$FONTS"
read -r -a DEG_ARR <<< "$DEGRADE"
i=0
for f in "${FONT_ARR[@]}"; do
  python3 "$HERE/make_corpus.py" --out "$TEXT/f$i" --lines "$LINES_PER_FONT" --eval-lines 0 --seed $((SEED * 100 + i))
  if [ ${#DEG_ARR[@]} -gt 0 ]; then
    python3 "$HERE/make_corpus.py" --out "$TEXT/d$i" --lines "$LINES_PER_FONT" --eval-lines 0 --seed $((SEED * 100 + 50 + i))
  fi
  i=$((i + 1))
done
cat "$TEXT"/[fd]*/train.txt > "$TEXT/all_train.txt"

# ---- 2. render pages and make .lstmf files ---------------------------------------------------
read -r -a PT_ARR <<< "$PTSIZES"
render() { # font text outbase ptsize [degradation]
  $NICE text2image --fonts_dir /usr/share/fonts --fontconfig_tmpdir "$WORK/fc" --font "$1" \
    --text "$2" --outputbase "$3" --ptsize "$4" --resolution 300 --strip_unrenderable_words \
    --leading 20 --xsize 2550 --ysize 3300 --margin 100 --char_spacing 0 >"$3.log" 2>&1 \
    || { echo "text2image failed for $1 (see $3.log)" >&2; return 1; }
  if [ -n "${5:-}" ]; then
    degrade "$5" "$3.tif" "$3.tif" >>"$3.log" 2>&1 || { echo "degrading $3 ($5) failed (see $3.log)" >&2; return 1; }
  fi
  $NICE tesseract "$3.tif" "$3" --psm 6 lstm.train >>"$3.log" 2>&1
}
# A degraded copy of a rendered page, same size, so text2image's box file still fits. Strengths are
# for 10-14 pt at 300 dpi (an em of 42-58 px): the lowres copy has an em of about 15 px, as small
# print on a phone photo or a 100 dpi scan has.
degrade() { # kind in.tif out.tif
  local size=2550x3300! ops
  case "$1" in
    blur)   ops=(-blur 0x2.2) ;;
    lowres) ops=(-resize 28% -resize "$size") ;;
    jpeg)   ops=(-resize 45% -resize "$size" -quality 10 -compress JPEG) ;;
    noise)  ops=(-blur 0x0.8 -attenuate 1.5 +noise Gaussian) ;;
    faint)  ops=(-blur 0x1.0 +level 55%,100%) ;;
    *) echo "unknown degradation $1" >&2; return 1 ;;
  esac
  [ "$1" = jpeg ] || ops+=(-compress LZW)
  $NICE "$IM" "$2" -colorspace Gray -type Grayscale -depth 8 "${ops[@]}" "$3"
}
i=0
: > "$WORK/train.list"
for f in "${FONT_ARR[@]}"; do
  ob="$LINES/$(echo "$f" | tr ' ' '_')"
  pt="${PT_ARR[$((i % ${#PT_ARR[@]}))]}"
  log "render $f ${pt}pt"
  render "$f" "$TEXT/f$i/train.txt" "$ob" "$pt"
  [ -s "$ob.lstmf" ] && echo "$ob.lstmf" >> "$WORK/train.list"
  if [ ${#DEG_ARR[@]} -gt 0 ]; then
    kind="${DEG_ARR[$((i % ${#DEG_ARR[@]}))]}"
    pt2="${PT_ARR[$(((i + 3) % ${#PT_ARR[@]}))]}"
    log "render $f ${pt2}pt, $kind"
    render "$f" "$TEXT/d$i/train.txt" "${ob}_$kind" "$pt2" "$kind"
    [ -s "${ob}_$kind.lstmf" ] && echo "${ob}_$kind.lstmf" >> "$WORK/train.list"
  fi
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
