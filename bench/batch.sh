#!/usr/bin/env bash
# bench/batch.sh: batch throughput of ocr-cli against Debian's tesseract, memory over a long run,
# and the PDF path against the image path. Prints its numbers; see bench/RESULTS.md.
#
#   bench/batch.sh [N_IMAGES] [N_MEMORY] [N_SYNTHETIC]
#
# N_IMAGES (default 300) images are drawn, in a fixed order, from ../shared/eval/synthetic and
# ../shared/eval/scribe (read in place, repeated when N exceeds the 69 there); the same list and
# the same eng+rus models (the system tessdata) serve every contender. N_MEMORY (default 1000)
# images are recognised with --jobs 2 while VmRSS is sampled every second (JVM flags as in the
# ./ocr launcher: serial GC; set MEM_JAVA_OPTS to try others). N_SYNTHETIC (default 110) synthetic
# images alone form a second comparison, of small images where loading models per process counts.
# Debian's tesseract runs in a one-process-per-image loop twice: as users run it (its default
# OpenMP threads) and held to one thread (OMP_THREAD_LIMIT=1, as every other contender here).
# ocr-cli also runs with --preprocess none, doing what tesseract does and nothing more.
# Every contender's CPU time (user+sys) is printed too: on a machine shared with other work the
# wall-clock ratios measure the share of the CPU each got as much as the program.
# Work files go to bench/out/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="$(cd "$root/../shared" 2>/dev/null && pwd || echo /work/shared)"
n="${1:-300}"
nmem="${2:-1000}"
nsyn="${3:-110}"
out="$here/out/batch"
jar="$root/target/ocr-cli.jar"
tessdata=/usr/share/tesseract-ocr/5/tessdata
langs=eng+rus
rm -rf "$out"; mkdir -p "$out"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
export OMP_THREAD_LIMIT=1

# The pool: every synthetic image and every scribe page, interleaved so that any prefix mixes both.
mapfile -t syn < <(ls "$shared"/eval/synthetic/*.png "$shared"/eval/synthetic/*.jpg 2>/dev/null | sort)
mapfile -t scr < <(ls "$shared"/eval/scribe/img/* | sort)
pool=()
for ((i = 0, j = 0; i < ${#syn[@]} || j < ${#scr[@]};)); do
  for k in 1 2 3 4; do [ $i -lt ${#syn[@]} ] && pool+=("${syn[$i]}") && i=$((i + 1)); done
  [ $j -lt ${#scr[@]} ] && pool+=("${scr[$j]}") && j=$((j + 1))
done
pick() { local count=$1; for ((i = 0; i < count; i++)); do echo "${pool[$((i % ${#pool[@]}))]}"; done; }
pick "$n" > "$out/list.txt"
syn_only() { local count=$1; for ((i = 0; i < count; i++)); do echo "${syn[$((i % ${#syn[@]}))]}"; done; }
syn_only "$nmem" > "$out/memlist.txt"

now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{n/t:.3f}')" "$@"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$@"; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}')" "$@"; }

echo "# bench/batch.sh: mixed set $n images ($(grep -c synthetic "$out/list.txt") synthetic, $(grep -c scribe "$out/list.txt") scribe), $langs, $(nproc --all) cores"
echo "# other processes using the CPU at start:"
ps -eo pcpu,comm --sort=-pcpu | awk 'NR>1 && $1>5 {print "#   " $0}' | head -5

ocr() { java -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress "$@"; }

# Runs a command, prints wall seconds and CPU seconds (user+sys of it and its children).
timed() { /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$@"; read -r w u sy < "$out/time.txt"; cpu=$(python3 -c "print(f'{$u+$sy:.1f}')"); wall=$w; }

compare() {  # compare NAME LISTFILE
  local name=$1 list=$2 count; count=$(wc -l < "$list")
  echo
  echo "## $name: $count images"
  mkdir -p "$out/$name/loop" "$out/$name/loopdef"
  # the loop as users run it: Debian's tesseract with its default OpenMP threads
  timed env -u OMP_THREAD_LIMIT bash -c 'i=0; while IFS= read -r f; do i=$((i + 1)); tesseract "$f" "$0/$i" -l "$1" >/dev/null 2>&1 || true; done < "$2"' "$out/$name/loopdef" "$langs" "$list"
  loopdef_s=$wall; loopdef_c=$cpu; loopdef_r=$(rate "$count" "$wall")
  # the same loop held to one thread per process (OMP_THREAD_LIMIT=1), for comparison
  timed bash -c 'i=0; while IFS= read -r f; do i=$((i + 1)); tesseract "$f" "$0/$i" -l "$1" >/dev/null 2>&1 || true; done < "$2"' "$out/$name/loop" "$langs" "$list"
  loop_s=$wall; loop_c=$cpu; loop_r=$(rate "$count" "$wall")
  timed tesseract "$list" "$out/$name/listmode" -l "$langs" >/dev/null 2>&1
  list_s=$wall; list_c=$cpu; list_r=$(rate "$count" "$wall")
  for j in 1 2; do
    timed java -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress --files-from "$list" --jobs $j -o "$out/$name/ocr-j$j" -f txt 2>"$out/$name/ocr-j$j.err" || true
    eval "j${j}_s=$wall; j${j}_c=$cpu; j${j}_r=$(rate "$count" "$wall")"
  done
  # the same work as tesseract does (no preprocessing, no second readings), to separate the
  # batch machinery from the cost of the pipeline
  timed java -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress --files-from "$list" --jobs 2 --preprocess none -o "$out/$name/ocr-j2n" -f txt 2>"$out/$name/ocr-j2n.err" || true
  j2n_s=$wall; j2n_c=$cpu; j2n_r=$(rate "$count" "$wall")
  echo "| contender | wall s | images/s | CPU s | CPU s/image | cores used |"
  echo "|---|---|---|---|---|---|"
  for c in loopdef loop list j1 j2 j2n; do
    eval "s=\$${c}_s; r=\$${c}_r; cp=\$${c}_c"
    case $c in loopdef) label="tesseract, 1 process per image, default environment";; loop) label="tesseract, 1 process per image, OMP_THREAD_LIMIT=1";; list) label="tesseract list file, 1 process";; j1) label="ocr-cli --jobs 1";; j2) label="ocr-cli --jobs 2";; j2n) label="ocr-cli --jobs 2 --preprocess none";; esac
    echo "| $label | $s | $r | $cp | $(python3 -c "print(f'{$cp/$count:.3f}')") | $(python3 -c "print(f'{$cp/$s:.2f}')") |"
  done
  echo
  echo "| ratio (images/s) | measured | target |"
  echo "|---|---|---|"
  echo "| ocr-cli --jobs 2 / tesseract loop (default environment) | $(ratio "$j2_r" "$loopdef_r")x | >= 5x |"
  echo "| ocr-cli --jobs 2 / tesseract loop (OMP_THREAD_LIMIT=1) | $(ratio "$j2_r" "$loop_r")x | (info) |"
  echo "| ocr-cli --jobs 2 / tesseract list mode | $(ratio "$j2_r" "$list_r")x | >= 1.8x |"
  echo "| ocr-cli --jobs 2 / ocr-cli --jobs 1 | $(ratio "$j2_r" "$j1_r")x | >= 1.8x |"
  echo "| ocr-cli --jobs 2 --preprocess none / tesseract list mode (the same work) | $(ratio "$j2n_r" "$list_r")x | (info) |"
  echo "| ocr-cli --jobs 1 / tesseract list mode | $(ratio "$j1_r" "$list_r")x | (info) |"
  echo "| CPU per image: tesseract loop / ocr-cli --jobs 2 | $(python3 -c "print(f'{$loop_c/$j2_c:.2f}')")x | (info) |"
}

compare mixed "$out/list.txt"
syn_only "$nsyn" > "$out/synlist.txt"
compare synthetic "$out/synlist.txt"

# 4. Memory: --jobs 2 over N_MEMORY images, VmRSS every second against images done
echo
mem_opts="${MEM_JAVA_OPTS:--XX:+UseSerialGC}"
echo "# memory: --jobs 2 over $nmem synthetic images, java $mem_opts (jsonl on stdout, counted as they come)"
java $mem_opts -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress --files-from "$out/memlist.txt" --jobs 2 -f jsonl > "$out/mem.jsonl" 2>"$out/mem.err" &
pid=$!
: > "$out/rss.tsv"
while kill -0 $pid 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || true)
  [ -n "$rss" ] && echo -e "$(wc -l < "$out/mem.jsonl")\t$rss" >> "$out/rss.tsv"
  sleep 1
done
wait $pid || true
python3 - "$out/rss.tsv" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
peak = max(r for _, r in rows)
after = [r for d, r in rows if d >= 100]
at100 = after[0] if after else None
print(f"peak RSS: {peak/1024:.0f} MB over {rows[-1][0]} images")
if at100:
    print(f"RSS at 100 images: {at100/1024:.0f} MB; max after: {max(after)/1024:.0f} MB; last: {after[-1]/1024:.0f} MB; growth after 100: {100*(max(after)-at100)/at100:+.1f}% (target <= +10%)")
for d, r in rows[::max(1, len(rows)//10)]:
    print(f"  {d:5d} images  {r/1024:6.0f} MB")
PY
tail -1 "$out/mem.err"

# 5. PDF path vs image path: the same pages as PNG and as PDF (made by ocr-cli -f pdf), --jobs 1
echo
mapfile -t few < <(printf '%s\n' "${syn[@]}" | grep -v jpg | head -20)
ocr "${few[@]}" --jobs 2 -o "$out/pdfs" -f pdf 2>/dev/null || true
t0=$(now); ocr "${few[@]}" --jobs 1 -o "$out/img-txt" -f txt 2>/dev/null; t1=$(now); img_s=$(secs "$t0" "$t1")
t0=$(now); ocr "$out/pdfs" --jobs 1 -o "$out/pdf-txt" -f txt 2>/dev/null; t1=$(now); pdf_s=$(secs "$t0" "$t1")
echo "PDF vs image, ${#few[@]} pages, --jobs 1: images $img_s s ($(python3 -c "print(f'{$img_s/${#few[@]}:.3f}')") s/page), PDFs at 300 dpi $pdf_s s ($(python3 -c "print(f'{$pdf_s/${#few[@]}:.3f}')") s/page)"
echo "# other processes using the CPU at the end:"
ps -eo pcpu,comm --sort=-pcpu | awk 'NR>1 && $1>5 {print "#   " $0}' | head -5
