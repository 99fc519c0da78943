#!/usr/bin/env python3
"""Evaluate language strategies for the fine-tuned model with Debian's tesseract CLI.

For each --lang value (e.g. "eng+rus", "engrusx+eng+rus", "engrusx"; "cli:eng+rus" runs ocr-cli's
jar with its default pipeline instead of the tesseract CLI):
  * held-out fonts: pages of eval lines that contain the target letters, rendered with
    text2image in fonts never used for training; reports how many of the target letters
    (Ŀ ŀ Ҕ ҕ Ǣ ǣ, and separately the other rare letters) come back right, and the CER;
  * ordinary held-out text: eval lines without rare letters, same fonts, CER;
  * the headline three-line sample (rendered here), exact match;
  * optional: every *__clean image of a directory with NAME.gt.txt ground truth (--gt-dir).

usage: evaluate.py --model DIR_WITH_TRAINEDDATA --lang eng+rus --lang engrusx+eng+rus
                   [--fonts "Noto Serif,Liberation Sans"] [--gt-dir DIR] [--work DIR]
Only the standard library; tesseract and text2image must be on PATH.
"""
import argparse
import glob
import os
import random
import re
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_corpus  # noqa: E402

TARGETS = set("ĿŀҔҕǢǣ")
RARE = set("ҘҙҪҫҺһӨөҮүǼǽÞþÐðǷƿ")
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
QUOTES = {ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"', ord("\u2018"): "'", ord("\u2019"): "'"}
SAMPLE = ["Hello, world! Ŀ is a Latin\u2011extended character.",
          "Привет, мир! Ҕ is a Cyrillic character.",
          "Special combo: Ǣ is a ligature."]
STOCK = "/usr/share/tesseract-ocr/5/tessdata"


def norm(s):
    s = unicodedata.normalize("NFC", s).translate(DASHES).translate(QUOTES)
    lines = [re.sub(r"\s+", " ", l).strip() for l in s.splitlines()]
    return "\n".join(l for l in lines if l)


def align(a, b, band=250):
    """Banded Levenshtein alignment (pages are nearly aligned); returns (distance, list of (i, j)
    matched-or-substituted pairs)."""
    n, m = len(a), len(b)
    band = max(band, abs(n - m) + 50)
    INF = 10 ** 9
    rows = []  # rows[i] = (lo, list of costs for j in lo..hi)

    def get(i, j):
        lo, r = rows[i]
        k = j - lo
        return r[k] if 0 <= k < len(r) else INF
    for i in range(n + 1):
        c = i * m // max(1, n)
        lo, hi = max(0, c - band), min(m, c + band)
        r = [INF] * (hi - lo + 1)
        for j in range(lo, hi + 1):
            if i == 0:
                v = j
            elif j == 0:
                v = i
            else:
                v = min(get(i - 1, j) + 1, (r[j - 1 - lo] if j - 1 >= lo else INF) + 1,
                        get(i - 1, j - 1) + (a[i - 1] != b[j - 1]))
            r[j - lo] = v
        rows.append((lo, r))
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        v = get(i, j)
        if v == get(i - 1, j - 1) + (a[i - 1] != b[j - 1]):
            pairs.append((i - 1, j - 1)); i -= 1; j -= 1
        elif v == get(i - 1, j) + 1:
            i -= 1
        else:
            j -= 1
    return get(n, m), pairs


def letter_hits(gt, hyp, letters, pairs):
    matched = {i: hyp[j] for i, j in pairs}
    total = hits = 0
    misses = {}
    for i, c in enumerate(gt):
        if c in letters:
            total += 1
            if matched.get(i) == c:
                hits += 1
            else:
                k = f"{c}->{matched.get(i, '')}"
                misses[k] = misses.get(k, 0) + 1
    return hits, total, misses


def box_text(box):
    """Text that text2image really drew (it drops words a font cannot render)."""
    lines, cur = [], ""
    for row in open(box, encoding="utf-8"):
        if row.startswith("\t"):
            lines.append(cur); cur = ""
        else:
            ch = row.split(" ")[0]
            cur += ch if ch else " "
    if cur.strip():
        lines.append(cur)
    return "\n".join(l for l in lines if l.strip())


def render(font, text_file, outbase, fcdir, ptsize=12):
    subprocess.run(["text2image", "--fonts_dir", "/usr/share/fonts", "--fontconfig_tmpdir", fcdir,
                    "--font", font, "--text", text_file, "--outputbase", outbase, "--ptsize", str(ptsize),
                    "--resolution", "300", "--strip_unrenderable_words", "--leading", "20",
                    "--xsize", "2550", "--ysize", "3300", "--margin", "100"],
                   check=True, capture_output=True)
    return box_text(outbase + ".box")


RUS = set("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
COMMON = set("«»—–‑…№°€£§±“”„‘’")


def special(word):
    """True if a word has a character eng+rus cannot give: a letter outside basic Latin and the
    Russian alphabet (diacritics, Ŀ ŀ Ҕ ҕ Ǣ ǣ, other rare letters) or a rare sign such as ·."""
    return any(not c.isascii() and c not in RUS and c not in COMMON for c in word)


def mixed_script(word):
    """A word with both Latin and Cyrillic letters is almost always a misreading."""
    scripts = {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()}
    return "LATIN" in scripts and "CYRILLIC" in scripts


_TSV = {}


def tsv_words(img, lang, tdir, psm):
    if (img, lang, tdir, psm) not in _TSV:
        _TSV[img, lang, tdir, psm] = _tsv_words(img, lang, tdir, psm)
    return _TSV[img, lang, tdir, psm]


def _tsv_words(img, lang, tdir, psm):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    r = subprocess.run(["tesseract", img, "-", "-l", lang, "--tessdata-dir", tdir, "--psm", psm, "tsv"],
                       capture_output=True, env=env)
    words = []
    for row in r.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) == 12 and f[0] == "5" and f[11].strip():
            x, y, w, h = map(int, f[6:10])
            words.append(((int(f[1]), int(f[2]), int(f[3]), int(f[4])), (x, y, x + w, y + h), f[11], float(f[10])))
    return words


MIN_CONF = 30.0


def merged_ocr(img, new, stock, tdir, psm, whole_line=False):
    """Strategy (c): read the page with the stock languages and with the new model. A stock word
    that overlaps a word the new model read with a character the stock models cannot produce
    (see special()) is replaced by the new model's words inside its box; everything else stays
    as the stock models read it."""
    base = [w[:3] for w in tsv_words(img, stock, tdir, psm)]
    # Words of the new model: special ones only count when confident (a low-confidence
    # "special" reading is usually a look-alike mistake, e.g. Ф read as Ө).
    alt = [w[:3] for w in tsv_words(img, new, tdir, psm) if not special(w[2]) or (w[3] >= MIN_CONF and not mixed_script(w[2]))]
    lines = {}
    for key, box, text in base:
        lines.setdefault(key, []).append((box, text))
    out = []

    def overlap(b, a):
        return min(b[2], a[2]) - max(b[0], a[0]) > 0.3 * min(b[2] - b[0], a[2] - a[0])
    for key in sorted(lines, key=lambda k: (k[0], min(b[1] for b, _ in lines[k]))):
        ws = lines[key]
        y0 = min(b[1] for b, _ in ws); y1 = max(b[3] for b, _ in ws)
        mine = [(b, t) for k, b, t in alt if k[0] == key[0] and y0 <= (b[1] + b[3]) / 2 <= y1]
        spec = [(b, t) for b, t in mine if special(t)]
        if whole_line and any(special(t) for _, t in mine):
            out.append(" ".join(t for _, t in sorted(mine, key=lambda bt: bt[0][0])))
            continue
        items, used = [], set()
        for b, t in ws:
            if any(overlap(b, a) for a, _ in spec):
                for i, (a, u) in enumerate(mine):
                    if i not in used and b[0] <= (a[0] + a[2]) / 2 <= b[2]:
                        used.add(i); items.append((a, u))
            else:
                items.append((b, t))
        out.append(" ".join(t for _, t in sorted(items, key=lambda bt: bt[0][0])))
    return "\n".join(out)


def ocr(img, lang, tdir, psm="3"):
    if lang.startswith("merge:") or lang.startswith("mergeline:"):
        new, stock = lang.split(":", 1)[1].split("|")
        return merged_ocr(img, new, stock, tdir, psm, whole_line=lang.startswith("mergeline:"))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    if lang.startswith("cli:"):
        # ocr-cli itself with its default pipeline (build the jar first: mvn -DskipTests package)
        jar = os.path.join(os.path.dirname(HERE), "target", "ocr-cli.jar")
        r = subprocess.run(["java", "-jar", jar, img, "-l", lang[4:], "--psm", psm], capture_output=True, env=env)
        return r.stdout.decode("utf-8", "replace")
    r = subprocess.run(["tesseract", img, "-", "-l", lang, "--tessdata-dir", tdir, "--psm", psm],
                       capture_output=True, env=env)
    return r.stdout.decode("utf-8", "replace")


def cer(gt, hyp):
    g, h = norm(gt), norm(hyp)
    return align(g, h)[0] / max(1, len(g))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="dir holding the new *.traineddata")
    ap.add_argument("--lang", action="append", required=True)
    ap.add_argument("--fonts", default="Noto Serif,Liberation Sans,DejaVu Sans Mono,FreeSans Oblique")
    ap.add_argument("--gt-dir", default=None)
    ap.add_argument("--work", default=os.path.join(HERE, "work", "eval"))
    ap.add_argument("--lines", type=int, default=100)
    ap.add_argument("--seed", type=int, default=4242)
    a = ap.parse_args()

    os.makedirs(a.work, exist_ok=True)
    fc = os.path.join(a.work, "fc"); os.makedirs(fc, exist_ok=True)
    tdir = os.path.join(a.work, "tessdata"); os.makedirs(tdir, exist_ok=True)
    for f in glob.glob(os.path.join(tdir, "*.traineddata")):
        os.remove(f)
    for lang in ("eng", "rus", "osd"):
        if os.path.exists(f"{STOCK}/{lang}.traineddata"):
            os.symlink(f"{STOCK}/{lang}.traineddata", f"{tdir}/{lang}.traineddata")
    if not os.path.exists(os.path.join(tdir, "configs")):
        os.symlink(f"{STOCK}/configs", os.path.join(tdir, "configs"))
    for f in glob.glob(os.path.join(a.model, "*.traineddata")):
        os.symlink(os.path.abspath(f), os.path.join(tdir, os.path.basename(f)))

    # Eval text: new random draws (seed never used by train.sh), split into rare / ordinary.
    r = random.Random(a.seed)
    rare_lines = [make_corpus.target_line(r) for _ in range(a.lines)]
    ordinary = [make_corpus.ordinary_line(r) for _ in range(a.lines)]
    pages = []
    for kind, lines in (("rare", rare_lines), ("ordinary", ordinary)):
        tf = os.path.join(a.work, f"{kind}.txt")
        open(tf, "w", encoding="utf-8").write("\n".join(lines) + "\n")
        for font in a.fonts.split(","):
            ob = os.path.join(a.work, f"{kind}_{font.replace(' ', '_')}")
            if not os.path.exists(ob + ".box"):
                render(font, tf, ob, fc)
            gt = box_text(ob + ".box")
            tifs = [ob + ".tif"]
            pages.append((kind, font, tifs[0], gt))
    sf = os.path.join(a.work, "sample.txt")
    open(sf, "w", encoding="utf-8").write("\n".join(SAMPLE) + "\n")
    samples = []
    for font in ["DejaVu Sans"] + a.fonts.split(","):
        ob = os.path.join(a.work, f"sample_{font.replace(' ', '_')}")
        if not os.path.exists(ob + ".box"):
            subprocess.run(["text2image", "--fonts_dir", "/usr/share/fonts", "--fontconfig_tmpdir", fc,
                            "--font", font, "--text", sf, "--outputbase", ob, "--ptsize", "14",
                            "--resolution", "300", "--xsize", "2550", "--ysize", "600", "--margin", "100"],
                           check=True, capture_output=True)
        samples.append((font, ob + ".tif", box_text(ob + ".box")))

    for lang in a.lang:
        t0 = time.time()
        res = {"rare": [0, 0, 0, 0, 0.0, 0], "ordinary": [0, 0, 0, 0, 0.0, 0]}
        miss = {}
        per_font = []
        for kind, font, tif, gt in pages:
            hyp = ocr(tif, lang, tdir)
            g, h = norm(gt), norm(hyp)
            dist, pairs = align(g, h)
            th, tt, m1 = letter_hits(g, h, TARGETS, pairs)
            rh, rt, m2 = letter_hits(g, h, RARE, pairs)
            for k, v in list(m1.items()) + list(m2.items()):
                miss[k] = miss.get(k, 0) + v
            c = dist / max(1, len(g))
            x = res[kind]
            x[0] += th; x[1] += tt; x[2] += rh; x[3] += rt; x[4] += c; x[5] += 1
            per_font.append(f"{kind}/{font}: cer={c:.4f}" + (f" targets={th}/{tt}" if tt else ""))
        out = [f"== {lang}"]
        x = res["rare"]
        out.append(f"held-out fonts, rare-letter lines: Ŀŀ Ҕҕ Ǣǣ {x[0]}/{x[1]} = {x[0] / max(1, x[1]):.3f}; "
                   f"other rare {x[2]}/{x[3]} = {x[2] / max(1, x[3]):.3f}; mean CER {x[4] / max(1, x[5]):.4f}")
        x = res["ordinary"]
        out.append(f"held-out fonts, ordinary lines: mean CER {x[4] / max(1, x[5]):.4f}")
        out.extend("   " + p for p in per_font)
        if miss:
            out.append("   misses: " + ", ".join(f"{k} x{v}" for k, v in sorted(miss.items(), key=lambda kv: -kv[1])[:25]))
        ok = 0
        for font, tif, gt in samples:
            hyp = ocr(tif, lang, tdir)
            exact = norm(hyp) == norm(gt)
            ok += exact
            if not exact:
                out.append(f"   sample/{font}: " + norm(hyp).replace("\n", " | "))
        out.append(f"headline sample exact: {ok}/{len(samples)} fonts")
        if a.gt_dir:
            cs = []
            for gtf in sorted(glob.glob(os.path.join(a.gt_dir, "*__clean.gt.txt"))):
                base = gtf[: -len(".gt.txt")]
                img = [p for p in glob.glob(base + ".*") if not p.endswith(".txt")][0]
                hyp = ocr(img, lang, tdir)
                c = cer(open(gtf, encoding="utf-8").read(), hyp)
                cs.append((os.path.basename(base), c))
                out.append(f"   {os.path.basename(base)}: cer={c:.4f}")
            other = [c for n, c in cs if not n.startswith("specials_vis")]
            out.append(f"gt-dir clean: mean CER excl. specials_vis {sum(other) / max(1, len(other)):.4f}; "
                       + " ".join(f"{n}={c:.4f}" for n, c in cs if n.startswith("specials_vis")))
        out.append(f"({time.time() - t0:.0f} s)")
        print("\n".join(out), flush=True)


if __name__ == "__main__":
    main()
