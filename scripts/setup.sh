#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for ocr-cli's main job, tests and
# benchmarks, builds target/ocr-cli.jar and puts an `ocr-cli` command on PATH.
# Safe to run again: it only installs what is missing.
#
#   tesseract-ocr-rus       Russian model (the main job and tests use eng+rus; eng ships in the jar)
#   tesseract-ocr-ell       Greek model: the tests of --lang auto read a Greek page
#   tesseract-ocr-script-latn, tesseract-ocr-script-cyrl
#                           Latin and Cyrillic script models (--lang Latin; tests of rare letters)
#   tesseract-ocr           Debian's tesseract CLI and training tools (benchmarks compare against it)
#   fonts-dejavu-core, fonts-freefont-ttf, fonts-liberation2
#                           fonts with Latin, Cyrillic and the rare letters: test images are drawn
#                           with them, and the letters step draws its two readings with them
#   hyperfine               repeated timing in bench/
#   time                    GNU time: CPU and wall of whole processes in bench/
#   zsh                     the test of `ocr-cli completion zsh`
#   curl, jq                the server tests run the README's and docs' curl examples as written
#   imagemagick             training/train.sh degrades its training pages with `convert` (its CI smoke run too)
#
# Also the legacy-engine eng model (legacy/eng in the per-user data directory), from the npm registry.
# Then, unless --no-build: builds the jar, makes the class-data-sharing archive `./ocr` uses, and
# installs the `ocr-cli` launcher (a link to this checkout's `./ocr`) into $OCR_CLI_BIN_DIR, by
# default /usr/local/bin when run as root, else ~/.local/bin. Remove it with `rm "$(command -v ocr-cli)"`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here="$(pwd -P)"

packages=(tesseract-ocr tesseract-ocr-rus tesseract-ocr-ell tesseract-ocr-script-latn tesseract-ocr-script-cyrl
          fonts-dejavu-core fonts-freefont-ttf fonts-liberation2 hyperfine time zsh curl jq imagemagick)
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

# The legacy-engine eng model (tessdata's, as the npm package @tesseract.js-data/eng ships it), installed
# as legacy/eng beside Debian's LSTM model: the vote step reads doubtful English pages with it as
# well (README, "Models"). `ocr-cli langs install eng --variant legacy` does the same from the jar.
legacy="${XDG_DATA_HOME:-$HOME/.local/share}/ocr-cli/tessdata/legacy"
if [ ! -f "$legacy/eng.traineddata" ] && [ "${OCR_CLI_NO_LEGACY:-}" != 1 ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: installing the legacy-engine eng model into $legacy (npm package @tesseract.js-data/eng)" >&2
    work=$(mktemp -d)
    if (cd "$work" && npm pack --silent @tesseract.js-data/eng >/dev/null 2>&1 && tar xzf ./*.tgz package/4.0.0/eng.traineddata.gz); then
      mkdir -p "$legacy"
      gunzip -c "$work/package/4.0.0/eng.traineddata.gz" > "$legacy/.eng.traineddata.part" \
        && mv "$legacy/.eng.traineddata.part" "$legacy/eng.traineddata"
    else
      echo "setup: warning: could not fetch @tesseract.js-data/eng from the npm registry; ocr-cli works without it" >&2
    fi
    rm -rf "$work"
  else
    echo "setup: warning: no npm, so no legacy-engine eng model; ocr-cli works without it" >&2
  fi
fi

if [ "${1:-}" = "--no-build" ]; then
  exit 0
fi

echo "setup: building target/ocr-cli.jar" >&2
# -Dstyle.color=never and jansi.noreset: Debian's Maven 3.8 writes colour resets (ESC[0m) even in batch mode
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never -DskipTests package >&2
# ./ocr makes the class-data-sharing archive (target/ocr-cli.jsa) every later start uses now, at
# setup, rather than on the first real call
./ocr --version >/dev/null

if [ -n "${OCR_CLI_BIN_DIR:-}" ]; then
  bin="$OCR_CLI_BIN_DIR"
elif [ "$(id -u)" -eq 0 ]; then
  bin=/usr/local/bin
else
  bin="$HOME/.local/bin"
fi
mkdir -p "$bin"
ln -sfn "$here/ocr" "$bin/ocr-cli"
echo "setup: installed the ocr-cli command: $bin/ocr-cli -> $here/ocr (remove it with: rm $bin/ocr-cli)" >&2
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "setup: $bin is not on your PATH; add it, e.g.: echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc" >&2 ;;
esac
