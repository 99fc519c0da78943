#!/usr/bin/env bash
# Runs the Spark job (dev.ocrcli.spark.OcrJob, docs/spark.md) on this machine, on local[*]:
#
#   scripts/spark-local.sh IN OUT [--lang LANGS] [--preprocess STEPS] [--format json|parquet] [--resume] ...
#
# for users without a cluster and for our tests and benchmarks. It runs what spark-submit would:
# the application jar spark/target/ocr-spark.jar on Spark's own jars (spark/target/spark-classpath.txt,
# the module's `provided` dependencies from ~/.m2, and spark-shared-classpath.txt, the libraries Spark
# has and the shaded jar therefore leaves out), in one JVM with the module flags Spark adds on
# Java 17 (spark.jvm.flags in spark/pom.xml, the one copy of that list). Builds both jars if missing or older than the sources.
#
# Environment: SPARK_MASTER (default local[*]), SPARK_DRIVER_MEMORY (default 2g),
# SPARK_LOCAL_LOG (Spark's log level, default warn), SPARK_LOCAL_JAVA_OPTS (more JVM options),
# OMP_THREAD_LIMIT (default 1: Spark runs one task per core already).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/spark/target/ocr-spark.jar"
cp_file="$root/spark/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ] || [ -n "$(find "$root/pom.xml" "$root/ocr-cli.xml" "$root/spark/pom.xml" \
    "$root/src/main" "$root/spark/src/main" "$root/tessdata" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "spark-local: building spark/target/ocr-spark.jar ..." >&2
  (cd "$root" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never -DskipTests package) >&2
fi
flags="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$root/spark/pom.xml")"
[ -n "$flags" ] || { echo "ocr-cli: error: no spark.jvm.flags in spark/pom.xml" >&2; exit 1; }
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"
# shellcheck disable=SC2086  # the flags are words
exec java $flags -Xmx"${SPARK_DRIVER_MEMORY:-2g}" ${SPARK_LOCAL_JAVA_OPTS:-} \
  -Dspark.master="${SPARK_MASTER:-local[*]}" -Dspark.ui.enabled=false \
  -Dspark.driver.bindAddress=127.0.0.1 -Dspark.driver.host=127.0.0.1 \
  -Dlog4j2.configurationFile="$root/spark/conf/log4j2-local.properties" -Docrcli.spark.log="${SPARK_LOCAL_LOG:-warn}" \
  -cp "$jar:$(cat "$cp_file"):$(cat "$root/spark/target/spark-shared-classpath.txt")" dev.ocrcli.spark.OcrJob "$@"
