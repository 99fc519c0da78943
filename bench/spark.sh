#!/usr/bin/env bash
# bench/spark.sh: pages per second of the Spark job on local[2] against our own batch command on
# the same images and models, session start-up reported apart. Numbers go in docs/spark.md.
#
#   bench/spark.sh [N_IMAGES] [LANGS]
#
# N_IMAGES (default 30) images are taken, in a fixed order, from ../shared/eval/synthetic and
# ../shared/eval/scribe (four synthetic to one scribe page, as bench/batch.sh draws them; repeated
# when N exceeds the 69 there) and copied into one folder. Contenders, each on 2 cores with
# OMP_THREAD_LIMIT=1 and the default --preprocess auto:
#   batch   java -jar target/ocr-cli.jar DIR -o OUT -j 2       (one JVM, start-up included)
#   spark   scripts/spark-local.sh DIR OUT with SPARK_MASTER=local[2], Parquet out: its own report
#           splits session start-up (SparkSession.getOrCreate) from the job (listing, OCR, writing)
# CPU time (user+sys) of each is printed too: on a machine shared with other work, wall-clock
# ratios measure the share of the CPU each got as much as the program.
# Work files go to bench/out/spark/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="$(cd "$root/../shared" 2>/dev/null && pwd || echo /work/shared)"
n="${1:-30}"
langs="${2:-eng+rus}"
out="$here/out/spark"
jar="$root/target/ocr-cli.jar"
rm -rf "$out"; mkdir -p "$out/in"
[ -f "$jar" ] && [ -f "$root/spark/target/ocr-spark.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
export OMP_THREAD_LIMIT=1

mapfile -t syn < <(ls "$shared"/eval/synthetic/*.png "$shared"/eval/synthetic/*.jpg 2>/dev/null | sort)
mapfile -t scr < <(ls "$shared"/eval/scribe/img/* 2>/dev/null | sort)
[ ${#syn[@]} -gt 0 ] || { echo "ocr-cli: error: no images under $shared/eval/synthetic" >&2; exit 1; }
pool=()
for ((i = 0, j = 0; i < ${#syn[@]} || j < ${#scr[@]};)); do
  for k in 1 2 3 4; do [ $i -lt ${#syn[@]} ] && pool+=("${syn[$i]}") && i=$((i + 1)); done
  [ $j -lt ${#scr[@]} ] && pool+=("${scr[$j]}") && j=$((j + 1))
done
for ((k = 0; k < n; k++)); do
  f="${pool[$((k % ${#pool[@]}))]}"
  cp "$f" "$out/in/$(printf %04d $k)-$(basename "$f")"
done
echo "images: $n from $shared/eval (synthetic + scribe), languages $langs, $(nproc) cores on this machine"

now() { date +%s.%N; }
t0=$(now)
/usr/bin/time -f '%U %S %M' -o "$out/batch.cpu" java -XX:+UseSerialGC -jar "$jar" "$out/in" -o "$out/batch" -j 2 --lang "$langs" 2> "$out/batch.log" || true
t1=$(now)
batch_s=$(echo "$t1 - $t0" | bc -l)
batch_pages=$(find "$out/batch" -name '*.txt' | wc -l)
printf 'batch: %d pages in %.1f s (JVM start included): %.2f pages/s; CPU %s\n' "$batch_pages" "$batch_s" \
  "$(echo "$batch_pages / $batch_s" | bc -l)" "$(awk '{print $1 + $2 " s, peak RSS " int($3 / 1024) " MB"}' "$out/batch.cpu")"

t0=$(now)
SPARK_MASTER='local[2]' /usr/bin/time -f '%U %S %M' -o "$out/spark.cpu" "$root/scripts/spark-local.sh" "$out/in" "$out/spark.parquet" --lang "$langs" --format parquet 2> "$out/spark.log"
t1=$(now)
grep '^ocr-spark:' "$out/spark.log"
total_s=$(echo "$t1 - $t0" | bc -l)
job_s=$(sed -n 's/.*, job \([0-9.]*\) s.*/\1/p' "$out/spark.log")
start_s=$(sed -n 's/.*session start-up \([0-9.]*\) s.*/\1/p' "$out/spark.log")
spark_pages=$(sed -n 's/.* holds \([0-9]*\) page rows.*/\1/p' "$out/spark.log")
printf 'spark local[2]: %d pages; session start-up %.1f s; job %.1f s: %.2f pages/s once started; %.1f s in all (JVM included): %.2f pages/s\n' \
  "$spark_pages" "$start_s" "$job_s" "$(echo "$spark_pages / $job_s" | bc -l)" "$total_s" "$(echo "$spark_pages / $total_s" | bc -l)"
echo "spark CPU (whole JVM, start-up included): $(awk '{print $1 + $2 " s, peak RSS " int($3 / 1024) " MB"}' "$out/spark.cpu")"
printf 'spark once started / batch: %.2f\n' "$(echo "($spark_pages / $job_s) / ($batch_pages / $batch_s)" | bc -l)"
