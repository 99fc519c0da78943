#!/usr/bin/env python3
"""Scores bench/scripts.sh's pages: mean CER per condition, words in the wrong script, rare letters.

    bench/scripts_score.py PAGES_DIR OUT_DIR [--list] [--exact]

PAGES_DIR holds NAME.gt.txt (from bench/ScriptsPages.java), OUT_DIR the ocr-cli outputs NAME.txt.
CER as ../shared/tools/cer.py defines it (imported from there when present: NFC, dashes and
quotes folded, whitespace collapsed).

A word in the wrong script is a word of the output that is not a word of the truth but whose
look-alike spelling is: the same letters and digits drawn alike (Latin A/Cyrillic А, k/к, 3/з,
0/о, 6/б, ...), case aside, where at least one differs in script from the truth's (Cyrillic against Latin or
a digit). Words are compared without the punctuation around them.

Rare letters: Ŀ ŀ Ҕ ҕ Ǣ ǣ of the truth found at their place in the output (characters aligned by
difflib), and how many of them also have both neighbouring characters right.
--list prints every wrong-script word and every missed rare letter.
--exact only counts the pages whose whole text comes back exactly (the headline sample).
"""
import collections
import difflib
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "tools")
try:
    sys.path.insert(0, TOOLS)
    import cer as cer_tool  # noqa: E402
    norm, rates = cer_tool.norm, cer_tool.rates
except ImportError:  # the definitions of ../shared/tools/cer.py
    DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
    QUOTES = {ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"', ord("\u2018"): "'", ord("\u2019"): "'"}

    def norm(s):
        s = unicodedata.normalize("NFC", s).translate(DASHES).translate(QUOTES)
        lines = [re.sub(r"\s+", " ", l).strip() for l in s.splitlines()]
        return "\n".join(l for l in lines if l)

    def lev(a, b):
        if len(a) < len(b):
            a, b = b, a
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    def rates(gt, hyp):
        g, h = norm(gt), norm(hyp)
        return lev(g, h) / max(1, len(g)), lev(g.split(), h.split()) / max(1, len(g.split()))

RARE = "ĿŀҔҕǢǣ"
# letters and digits drawn alike in Latin and Cyrillic (in some fonts or styles), one group each
ALIKE = ["AА", "BВв", "EЕ", "KКк", "kк", "MМм", "HНн", "oOоО0", "PР", "pр", "CС", "cс", "TТ", "mт", "XХ", "xх", "aа", "eе",
         "yу", "3зЗ", "6б", "nп", "uи", "rг", "bь", "SЅ", "sѕ", "IІ", "iі", "JЈ", "jј"]
SKELETON = {ord(c): g[0] for g in ALIKE for c in g}


def skel(w):
    """The look-alike spelling all scripts share, case folded (Latin Bec and Cyrillic вес meet)."""
    return w.translate(SKELETON).lower()


def script(c):
    if c.isdigit():
        return "digit"
    if not c.isalpha():
        return "other"
    name = unicodedata.name(c, "")
    return "cyrillic" if name.startswith("CYRILLIC") else "latin" if name.startswith("LATIN") else "other"


def strip(w):
    return w.strip(".,:;!?«»\"'()[]*/")


def differs_in_script(w, t):
    pairs = [(a, b) for a, b in zip(w, t) if a != b]
    return bool(pairs) and any("cyrillic" in (script(a), script(b)) and script(a) != script(b) for a, b in pairs)


def wrong_script(gt, hyp):
    """Output words that are truth words in the wrong script: the word the output has in the
    truth's place (words aligned by difflib) when it is a look-alike spelling of it, or else a word
    absent from the truth that is a look-alike spelling of some truth word."""
    truth = [strip(w) for w in norm(gt).split()]
    said = [strip(w) for w in norm(hyp).split()]
    truth_set = set(truth)
    by_skeleton = collections.defaultdict(set)
    for w in truth:
        by_skeleton[skel(w)].add(w)
    out = []
    sm = difflib.SequenceMatcher(None, truth, said, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        for j in range(j1, j2):
            w = said[j]
            if not w:
                continue
            here = [t for t in truth[i1:i2] if skel(t) == skel(w) and differs_in_script(w, t)]
            if here:
                out.append((w, here[0]))
            elif w not in truth_set:
                anywhere = [t for t in by_skeleton.get(skel(w), ()) if differs_in_script(w, t)]
                if anywhere:
                    out.append((w, sorted(anywhere)[0]))
    return out


def rare_letters(gt, hyp):
    g, h = norm(gt), norm(hyp)
    sm = difflib.SequenceMatcher(None, g, h, autojunk=False)
    at = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            at[a + k] = b + k
    found = with_neighbours = total = 0
    missed = []
    for i, c in enumerate(g):
        if c not in RARE:
            continue
        total += 1
        if i in at:
            found += 1
            if (i == 0 or i - 1 in at) and (i == len(g) - 1 or i + 1 in at):
                with_neighbours += 1
        else:
            missed.append(g[max(0, i - 6):i + 7].replace("\n", " "))
    return found, with_neighbours, total, missed


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    pages, out = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv
    if "--exact" in sys.argv:
        names = sorted(f[: -len(".gt.txt")] for f in os.listdir(pages) if f.endswith(".gt.txt"))
        ok = 0
        for name in names:
            p = os.path.join(out, name + ".txt")
            hyp = norm(open(p, encoding="utf-8").read()) if os.path.exists(p) else ""
            same = hyp == norm(open(os.path.join(pages, name + ".gt.txt"), encoding="utf-8").read())
            ok += same
            if listing and not same:
                print(f"  not exact: {name}: {hyp!r}")
        print(f"headline lines exact: {ok}/{len(names)} fonts")
        return
    per_cond = collections.defaultdict(list)
    wrong = []
    rare = [0, 0, 0]
    missed = []
    names = sorted(f[: -len(".gt.txt")] for f in os.listdir(pages) if f.endswith(".gt.txt"))
    for name in names:
        gt = open(os.path.join(pages, name + ".gt.txt"), encoding="utf-8").read()
        p = os.path.join(out, name + ".txt")
        hyp = open(p, encoding="utf-8").read() if os.path.exists(p) else ""
        cond = name.split("__")[-1]
        c, _ = rates(gt, hyp)
        per_cond[cond].append(c)
        wrong += [(name, w, t) for w, t in wrong_script(gt, hyp)]
        f, fn, n, m = rare_letters(gt, hyp)
        rare[0] += f
        rare[1] += fn
        rare[2] += n
        missed += [(name, x) for x in m]
        if listing:
            print(f"{name:44s} cer={c:.4f}")
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    print(f"{'condition':12s} {'pages':>5s} {'mean CER':>9s}")
    allc = []
    for cond in sorted(per_cond):
        allc += per_cond[cond]
        print(f"{cond:12s} {len(per_cond[cond]):5d} {mean(per_cond[cond]):9.4f}")
    worst = max(per_cond, key=lambda k: mean(per_cond[k])) if per_cond else "-"
    print(f"{'ALL':12s} {len(allc):5d} {mean(allc):9.4f}  (worst condition: {worst})")
    print(f"wrong-script words: {len(wrong)}")
    print(f"rare letters Ŀŀ Ҕҕ Ǣǣ: {rare[0]}/{rare[2]} read, {rare[1]}/{rare[2]} with both neighbours")
    if listing:
        for name, w, t in wrong:
            print(f"  wrong script: {name}: {w!r} for {t!r}")
        for name, x in missed:
            print(f"  rare letter missed: {name}: ...{x}...")


if __name__ == "__main__":
    main()
