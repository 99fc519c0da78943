#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for ocr-cli's main job, tests and
# benchmarks, then builds target/ocr-cli.jar. Safe to run again: it only installs what is missing.
#
#   tesseract-ocr-rus      Russian model (the main job and tests use eng+rus; eng ships in the jar)
#   tesseract-ocr-ell      Greek model: the tests of --lang auto read a Greek page
#   tesseract-ocr          Debian's tesseract CLI and training tools (benchmarks compare against it)
#   fonts-dejavu ...       fonts with Latin, Cyrillic and the rare letters, to render test images
#   hyperfine              repeated timing in bench/
#   curl, jq               the server tests run the README's and docs' curl examples as written
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(tesseract-ocr tesseract-ocr-rus tesseract-ocr-ell tesseract-ocr-script-latn tesseract-ocr-script-cyrl
          fonts-dejavu-core fonts-freefont-ttf fonts-liberation2 hyperfine curl jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ "${1:-}" != "--no-build" ]; then
  echo "setup: building target/ocr-cli.jar" >&2
  mvn -B -q -DskipTests package >&2
fi
