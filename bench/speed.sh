#!/usr/bin/env bash
# bench/speed.sh: the two speed comparisons of issue 16 in one run, each against Tesseract held to
# one thread (OMP_THREAD_LIMIT=1, as people who tune it run it; on 2 cores its OpenMP threads only
# burn CPU):
#   1. cold start: one process per small image, `./ocr IMG` (default pipeline), `./ocr IMG --fast`
#      and `./ocr IMG` handed to a running `ocr-cli serve` (OCR_CLI_SERVER, started here)
#      against `tesseract IMG -`, whole processes, CPU (user+sys) and wall time;
#   2. batch: the default pipeline and `--fast`, `--jobs 2` (and `--preprocess none --jobs 2`, the same work as Tesseract)
#      against Tesseract's list mode (`tesseract LIST out`) on bench/batch.sh's images.
# Runs are taken in turn (A B C A B C ...), so a machine that speeds up or slows down meanwhile
# treats all contenders alike; the ratios are taken pair by pair and their median printed.
# On a shared machine quote the ratios: absolute times move with the load.
#
#   bench/speed.sh [IMAGE] [LANGS] [RUNS] [N_BATCH] [BATCH_ROUNDS]
#
# Defaults: samples/english.png, eng+rus, 9 cold runs each after one warm-up, 100 batch images
# (synthetic and scribe pages of ../shared/eval interleaved as bench/batch.sh does), 1 round.
# Needs GNU time (/usr/bin/time) and Debian's tesseract. Work files go to bench/out/speed/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="$(cd "$root/../shared" 2>/dev/null && pwd || echo /work/shared)"
img="${1:-samples/english.png}"
langs="${2:-eng+rus}"
runs="${3:-9}"
nbatch="${4:-100}"
rounds="${5:-1}"
tessdata=/usr/share/tesseract-ocr/5/tessdata
out="$here/out/speed"
cd "$root"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
command -v tesseract >/dev/null || { echo "needs Debian's tesseract (scripts/setup.sh installs it)" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
export OMP_THREAD_LIMIT=1
./ocr --version >/dev/null   # builds the jar and the class-data-sharing archive when they are missing or stale

# timed NAME CMD...: one whole-process run; appends "wall cpu" to $out/NAME.tsv
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$out/t" "$@" >/dev/null 2>"$out/$name.err" || { echo "$name failed: $(tail -1 "$out/$name.err")" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$out/t" >> "$out/$name.tsv"
}

echo "# bench/speed.sh: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
echo "## 1. Cold start: $img, $langs, median of $runs runs each (after 1 warm-up), taken in turn"
# the hand-off row: the same call with OCR_CLI_SERVER naming an `ocr-cli serve` started here
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
./ocr serve --port "$port" --lang "$langs" --jobs 1 >"$out/serve.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true' EXIT
for ((i = 0; i < 120; i++)); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
cold=(tesseract ocr ocr_fast ocr_handoff)
cmd_tesseract=(tesseract "$img" - -l "$langs")
cmd_ocr=(./ocr "$img" -l "$langs")
cmd_ocr_fast=(./ocr "$img" -l "$langs" --fast)
cmd_ocr_handoff=(env OCR_CLI_SERVER="http://127.0.0.1:$port" ./ocr "$img" -l "$langs")
for c in "${cold[@]}"; do eval "\"\${cmd_$c[@]}\"" >/dev/null 2>&1; done   # warm-up: page cache, natives cache
for ((i = 0; i < 5; i++)); do "${cmd_ocr_handoff[@]}" >/dev/null 2>&1; done      # and the server's JIT
cmp -s <("${cmd_ocr_handoff[@]}") <(./ocr "$img" -l "$langs") || { echo "the handed-off call printed other text than the local one" >&2; exit 1; }
server_cpu() { awk '{print $14 + $15}' "/proc/$spid/stat"; }
s0=$(server_cpu)
for ((i = 0; i < runs; i++)); do
  for c in "${cold[@]}"; do eval "timed cold_$c \"\${cmd_$c[@]}\""; done
done
s1=$(server_cpu)
echo "$s0 $s1 $(getconf CLK_TCK) $runs" > "$out/server_cpu"
kill "$spid" 2>/dev/null || true

python3 - "$out" "$img" "$langs" <<'PY'
import statistics as st, sys
out, img, langs = sys.argv[1:4]
rows = {c: [tuple(map(float, l.split())) for l in open(f"{out}/cold_{c}.tsv")] for c in ("tesseract", "ocr", "ocr_fast", "ocr_handoff")}
s0, s1, tck, n = map(float, open(f"{out}/server_cpu").read().split())
server = (s1 - s0) / tck / n
label = {"tesseract": f"`OMP_THREAD_LIMIT=1 tesseract {img} - -l {langs}`",
         "ocr": f"`./ocr {img} -l {langs}` (default pipeline)",
         "ocr_fast": f"`./ocr {img} -l {langs} --fast`",
         "ocr_handoff": f"the same with `OCR_CLI_SERVER` set (handed to a running `ocr-cli serve`; client process only)"}
t = rows["tesseract"]
print("| command | CPU s | wall s | CPU vs tesseract | wall vs tesseract |")
print("|---|---|---|---|---|")
for c, r in rows.items():
    cpu = st.median(x[1] for x in r); wall = st.median(x[0] for x in r)
    rc = st.median(a[1] / b[1] for a, b in zip(r, t)); rw = st.median(a[0] / b[0] for a, b in zip(r, t))
    print(f"| {label[c]} | {cpu:.3f} | {wall:.3f} | {rc:.2f}x | {rw:.2f}x |")
tc = st.median(x[1] for x in t)
hc = st.median(x[1] for x in rows["ocr_handoff"])
print(f"| hand-off, client + the server's CPU for the request ({server:.3f} s, from /proc) | {hc + server:.3f} | | {(hc + server) / tc:.2f}x | |")
print("\n(ratios: median of the run-by-run ratios; target for a small image <= 1.5x, CPU and wall)")
PY

# 2. Batch: the pool of bench/batch.sh (every synthetic image and scribe page, 4 to 1 interleaved)
mapfile -t syn < <(ls "$shared"/eval/synthetic/*.png "$shared"/eval/synthetic/*.jpg 2>/dev/null | sort)
mapfile -t scr < <(ls "$shared"/eval/scribe/img/* 2>/dev/null | sort)
if [ ${#syn[@]} -eq 0 ]; then
  echo; echo "## 2. Batch: skipped, no images under $shared/eval"; exit 0
fi
pool=()
for ((i = 0, j = 0; i < ${#syn[@]} || j < ${#scr[@]};)); do
  for k in 1 2 3 4; do [ $i -lt ${#syn[@]} ] && pool+=("${syn[$i]}") && i=$((i + 1)); done
  [ $j -lt ${#scr[@]} ] && pool+=("${scr[$j]}") && j=$((j + 1))
done
for ((i = 0; i < nbatch; i++)); do echo "${pool[$((i % ${#pool[@]}))]}"; done > "$out/list.txt"
echo
echo "## 2. Batch: $nbatch images ($(grep -c synthetic "$out/list.txt") synthetic, $(grep -c scribe "$out/list.txt") scribe), $langs, $rounds round(s), taken in turn"
jar="$root/target/ocr-cli.jar"
batch=(list default fast none)
cmd_list=(tesseract "$out/list.txt" "$out/listmode" -l "$langs")
cmd_default=(java -XX:+UseSerialGC -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress --files-from "$out/list.txt" --jobs 2 -f txt -o "$out/default")
cmd_fast=(java -XX:+UseSerialGC -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress --files-from "$out/list.txt" --jobs 2 --fast -f txt -o "$out/fast")
cmd_none=(java -XX:+UseSerialGC -jar "$jar" --tessdata "$tessdata" --lang "$langs" --no-progress --files-from "$out/list.txt" --jobs 2 --preprocess none -f txt -o "$out/none")
for ((i = 0; i < rounds; i++)); do
  for c in "${batch[@]}"; do eval "timed batch_$c \"\${cmd_$c[@]}\""; done
done
python3 - "$out" "$nbatch" <<'PY'
import statistics as st, sys
out, n = sys.argv[1], int(sys.argv[2])
rows = {c: [tuple(map(float, l.split())) for l in open(f"{out}/batch_{c}.tsv")] for c in ("list", "default", "fast", "none")}
label = {"list": "`OMP_THREAD_LIMIT=1 tesseract LIST out` (list mode, 1 process)",
         "default": "`ocr-cli --files-from LIST --jobs 2` (default pipeline)",
         "fast": "`ocr-cli --files-from LIST --jobs 2 --fast`",
         "none": "`ocr-cli --files-from LIST --jobs 2 --preprocess none`"}
base = rows["list"]
print("| contender | wall s | images/s | CPU s | CPU s/image | images/s vs list mode |")
print("|---|---|---|---|---|---|")
for c, r in rows.items():
    wall = st.median(x[0] for x in r); cpu = st.median(x[1] for x in r)
    ratio = st.median(b[0] / a[0] for a, b in zip(r, base))
    print(f"| {label[c]} | {wall:.1f} | {n / wall:.2f} | {cpu:.1f} | {cpu / n:.3f} | {ratio:.2f}x |")
print("\n(targets: default pipeline >= 1.8x, --fast >= 1.9x list mode; 2 cores bound it near 2x for the same work)")
PY
