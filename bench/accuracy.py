#!/usr/bin/env python3
"""Accuracy on every visible evaluation set, page by page: ocr-cli as configured, ocr-cli with
--preprocess none, and plain Tesseract (Debian's CLI, OMP_THREAD_LIMIT=1), scored with the
definitions of ../shared/tools (imported from there, so the numbers are the tools' own).

    bench/accuracy.py [--label NAME] [--sets scribe,receipts,...] [--jobs N] [--jar JAR] [--lang LANGS] [--no-none]
                      [--no-tesseract] [-- EXTRA OCR-CLI OPTIONS]

Sets: scribe (word accuracy/precision, eng), receipts (word accuracy, --fold-case, eng),
synthetic (CER, eng+rus, every condition but the rare-letter set), specials (CER and rare letters,
eng+rus), tesseract (Tesseract's own test pages with text ground truth, CER, eng).
Outputs are kept under bench/out/accuracy/LABEL/ (plain Tesseract's under bench/out/accuracy/tesseract/,
made once). A page more than 0.01 worse than plain Tesseract is flagged with '<<'.
Prints tables; asserts nothing.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
EVAL = os.path.join(SHARED, "eval")
sys.path.insert(0, os.path.join(SHARED, "tools"))
import cer as cer_tool  # noqa: E402
import wordacc as wordacc_tool  # noqa: E402

RARE = "ĿŀҔҕҘҙҪҫҺһӨөҮүǢǣǼǽÞþÐðǷƿ"
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")


def images(folder, keep=lambda name: True):
    out = []
    for p in sorted(glob.glob(os.path.join(folder, "*"))):
        name, ext = os.path.splitext(os.path.basename(p))
        if ext.lower() in IMAGE_EXT and keep(name):
            out.append(p)
    return out


def has_text_gt(p):
    return os.path.exists(os.path.splitext(p)[0] + ".gt.txt") or os.path.exists(os.path.splitext(p)[0] + ".txt")


SETS = {
    # name: (images, languages, metric, ground truth folder or None)
    "scribe": (lambda: images(os.path.join(EVAL, "scribe/img")), "eng", "words", os.path.join(EVAL, "scribe/ground_truth")),
    "receipts": (lambda: images(os.path.join(EVAL, "receipts/img")), "eng", "words-fold", os.path.join(EVAL, "receipts/ground_truth")),
    "synthetic": (lambda: images(os.path.join(EVAL, "synthetic"), lambda n: not n.startswith("specials_vis")), "eng+rus", "cer", None),
    "specials": (lambda: images(os.path.join(EVAL, "synthetic"), lambda n: n.startswith("specials_vis")), "eng+rus", "cer-rare", None),
    "tesseract": (lambda: [p for p in images(os.path.join(EVAL, "real/tesseract-test")) if has_text_gt(p)
                           and not os.path.basename(p).startswith("phototest-rotated")], "eng", "cer", None),
}


def text_gt(img):
    base = os.path.splitext(img)[0]
    for cand in (base + ".gt.txt", base + ".txt"):
        if os.path.exists(cand):
            return open(cand, encoding="utf-8").read()
    raise FileNotFoundError(base)


def score(metric, img, hyp_text, gt_dir):
    name = os.path.splitext(os.path.basename(img))[0]
    if metric.startswith("words"):
        gt = wordacc_tool.hocr_words(next(p for p in (os.path.join(gt_dir, name + ".truth.hocr"), os.path.join(gt_dir, name + ".hocr"))
                                          if os.path.exists(p)))
        hyp = hyp_text.split()
        if metric == "words-fold":
            gt = [w.upper() for w in gt]
            hyp = [w.upper() for w in hyp]
        import collections
        c = sum((collections.Counter(gt) & collections.Counter(hyp)).values())
        return {"acc": c / max(1, len(gt)), "prec": c / max(1, len(hyp))}
    gt = text_gt(img)
    c, w = cer_tool.rates(gt, hyp_text)
    out = {"cer": c}
    if metric == "cer-rare":
        want = [ch for ch in gt if ch in RARE]
        have = list(hyp_text)
        found = 0
        for ch in want:
            if ch in have:
                have.remove(ch)
                found += 1
        out["rare"] = found
        out["rare_n"] = len(want)
    return out


JAR = os.path.join(ROOT, "target", "ocr-cli.jar")


def run_ocr_cli(files, langs, dest, extra, jobs):
    import shutil
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest, exist_ok=True)
    cmd = ["java", "-XX:+UseSerialGC", "-jar", JAR, *files, "--lang", langs, "-j", str(jobs), "-o", dest, "-f", "txt,json",
           "--no-progress", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode not in (0,):
        sys.stderr.write(f"ocr-cli exited {r.returncode}: {r.stderr[-2000:]}\n")
    return cpu, wall


def out_path(dest, img, ext):
    # ocr-cli mirrors names relative to the common folder; evaluation folders are flat
    name = os.path.splitext(os.path.basename(img))[0]
    cands = [os.path.join(dest, name + "." + ext)] + glob.glob(os.path.join(dest, name + ".*." + ext))
    for c in cands:
        if os.path.exists(c):
            return c
    return None


def run_tesseract(files, langs, dest, jobs):
    os.makedirs(dest, exist_ok=True)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    todo = [f for f in files if not os.path.exists(os.path.join(dest, os.path.splitext(os.path.basename(f))[0] + ".txt"))]

    def one(f):
        base = os.path.join(dest, os.path.splitext(os.path.basename(f))[0])
        subprocess.run(["tesseract", f, base, "-l", langs], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        list(ex.map(one, todo))


def read(path):
    return open(path, encoding="utf-8").read() if path and os.path.exists(path) else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", default="current")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-none", action="store_true", help="skip the --preprocess none column")
    ap.add_argument("--jar", help="the ocr-cli jar to run (default: target/ocr-cli.jar); copy it first when you rebuild meanwhile")
    ap.add_argument("--lang", help="read every set with these languages instead of the set's own (e.g. eng+rus)")
    ap.add_argument("--no-tesseract", action="store_true", help="skip plain Tesseract (its column then shows nan)")
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    global JAR
    if a.jar:
        JAR = os.path.abspath(a.jar)
    outroot = os.path.join(ROOT, "bench", "out", "accuracy")
    summary = []
    for set_name in a.sets.split(","):
        find, langs, metric, gt_dir = SETS[set_name]
        langs = a.lang or langs
        files = find()
        if not files:
            print(f"== {set_name}: no files (../shared missing?)")
            continue
        ours_dir = os.path.join(outroot, a.label, set_name)
        none_dir = os.path.join(outroot, a.label + "-none", set_name)
        # plain Tesseract's outputs are made once per set and languages
        tess_dir = os.path.join(outroot, "tesseract", set_name + ("" if langs == SETS[set_name][1] else "-" + langs))
        cpu, wall = run_ocr_cli(files, langs, ours_dir, a.extra, a.jobs)
        if not a.no_none:
            run_ocr_cli(files, langs, none_dir, [*a.extra, "--preprocess", "none"], a.jobs)
        if not a.no_tesseract:
            run_tesseract(files, langs, tess_dir, a.jobs)
        key = "acc" if metric.startswith("words") else "cer"
        better = (lambda x, y: x > y) if key == "acc" else (lambda x, y: x < y)
        print(f"== {set_name} ({len(files)} pages, {langs}, {'word accuracy' + (' --fold-case' if metric == 'words-fold' else '') if key == 'acc' else 'CER'})")
        head = f"{'page':28s} {'ours':>8s} {'none':>8s} {'tess':>8s}"
        if key == "acc":
            head += f" {'prec':>7s}"
        if metric == "cer-rare":
            head += f" {'rare':>7s}"
        head += f" {'ms':>7s}"
        print(head)
        tot = {"ours": [], "none": [], "tess": [], "prec": [], "rare": 0, "rare_n": 0, "ms": 0}
        for img in files:
            name = os.path.splitext(os.path.basename(img))[0]
            s_ours = score(metric, img, read(out_path(ours_dir, img, "txt")), gt_dir)
            s_none = score(metric, img, read(out_path(none_dir, img, "txt")), gt_dir) if not a.no_none else None
            s_tess = score(metric, img, read(os.path.join(tess_dir, name + ".txt")), gt_dir) if not a.no_tesseract else {"cer": float("nan"), "acc": float("nan"), "prec": float("nan"), "rare": 0, "rare_n": 0}
            js = out_path(ours_dir, img, "json")
            ms = json.load(open(js, encoding="utf-8"))["timing_ms"]["recognize"] if js else 0
            tot["ours"].append(s_ours[key])
            tot["tess"].append(s_tess[key])
            if s_none:
                tot["none"].append(s_none[key])
            tot["ms"] += ms
            flag = ""
            if (key == "acc" and s_ours[key] < s_tess[key] - 0.01) or (key == "cer" and s_ours[key] > s_tess[key] + 0.01):
                flag = " << worse than plain Tesseract"
            row = f"{name[:28]:28s} {s_ours[key]:8.4f} {(s_none[key] if s_none else float('nan')):8.4f} {s_tess[key]:8.4f}"
            if key == "acc":
                row += f" {s_ours['prec']:7.4f}"
                tot["prec"].append(s_ours["prec"])
            if metric == "cer-rare":
                row += f" {s_ours['rare']:3d}/{s_ours['rare_n']:<3d}"
                tot["rare"] += s_ours["rare"]
                tot["rare_n"] += s_ours["rare_n"]
            row += f" {ms:7d}"
            print(row + flag)
        mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
        line = f"{'MEAN':28s} {mean(tot['ours']):8.4f} {mean(tot['none']):8.4f} {mean(tot['tess']):8.4f}"
        if key == "acc":
            line += f" {mean(tot['prec']):7.4f}"
        if metric == "cer-rare":
            line += f" {tot['rare']:3d}/{tot['rare_n']:<3d}"
        print(line)
        print(f"{'cost':28s} ocr-cli {cpu / len(files):.2f} CPU s/page ({cpu:.1f} s CPU, {wall:.1f} s wall, -j {a.jobs}), "
              f"recognition {tot['ms'] / len(files):.0f} ms/page")
        print()
        summary.append((set_name, key, mean(tot["ours"]), mean(tot["none"]), mean(tot["tess"]),
                        mean(tot["prec"]) if key == "acc" else None, cpu / len(files)))
    print("== summary")
    for s in summary:
        extra = f" precision {s[5]:.4f}" if s[5] is not None else ""
        print(f"{s[0]:10s} {s[1]:4s} ours {s[2]:.4f}  none {s[3]:.4f}  tesseract {s[4]:.4f}{extra}  {s[6]:.2f} CPU s/page")


if __name__ == "__main__":
    main()
