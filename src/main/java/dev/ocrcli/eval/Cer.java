package dev.ocrcli.eval;

import java.text.Normalizer;
import java.util.List;
import java.util.Objects;

/**
 * Character and word error rates, defined exactly as {@code tools/cer.py}:
 * both texts are normalised ({@link #normalize}), CER is the Levenshtein distance between the
 * normalised texts in code points divided by {@code max(1, code points of the ground truth)}, WER
 * the Levenshtein distance between their word lists (split on white space) divided by
 * {@code max(1, ground-truth words)}. See docs/eval.md.
 */
public final class Cer {
    private Cer() {}

    /**
     * Scores of one text against its ground truth.
     *
     * @param cer        character error rate (can exceed 1 when the output is longer than the truth)
     * @param wer        word error rate
     * @param charErrors character edit distance
     * @param gtChars    code points of the normalised ground truth
     * @param wordErrors word edit distance
     * @param gtWords    words of the normalised ground truth
     */
    public record Score(double cer, double wer, int charErrors, int gtChars, int wordErrors, int gtWords) {}

    /**
     * NFC; the dashes U+2010..U+2014 and U+2212 become '-'; the quotes U+201C U+201D U+201E become '"',
     * U+2018 U+2019 become '\''; each line has its white-space runs collapsed to one space and is
     * trimmed; empty lines are dropped; the lines are joined with '\n'.
     */
    public static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFC);
        StringBuilder folded = new StringBuilder(n.length());
        n.codePoints().forEach(cp -> folded.appendCodePoint(fold(cp)));
        StringBuilder out = new StringBuilder(folded.length());
        for (String line : PyText.splitLines(folded.toString())) {
            String collapsed = collapse(line);
            if (!collapsed.isEmpty()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(collapsed);
            }
        }
        return out.toString();
    }

    private static int fold(int cp) {
        return switch (cp) {
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212 -> '-';
            case 0x201C, 0x201D, 0x201E -> '"';
            case 0x2018, 0x2019 -> '\'';
            default -> cp;
        };
    }

    /** White-space runs to one space, then trimmed (Python's {@code re.sub(r"\s+", " ", l).strip()}). */
    private static String collapse(String line) {
        return String.join(" ", PyText.split(line));
    }

    /** Scores {@code hypothesis} against {@code groundTruth}; both are normalised first. */
    public static Score score(String groundTruth, String hypothesis) {
        String g = normalize(groundTruth);
        String h = normalize(hypothesis);
        int[] gc = PyText.codePoints(g);
        int[] hc = PyText.codePoints(h);
        int ce = levenshtein(gc, hc);
        List<String> gw = PyText.split(g);
        List<String> hw = PyText.split(h);
        int we = levenshtein(gw, hw);
        return new Score((double) ce / Math.max(1, gc.length), (double) we / Math.max(1, gw.size()), ce, gc.length, we, gw.size());
    }

    /** Edit distance (insertions, deletions, substitutions, each costing 1) between code point arrays. */
    public static int levenshtein(int[] a, int[] b) {
        if (a.length < b.length) {
            int[] t = a;
            a = b;
            b = t;
        }
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            int ca = a[i - 1];
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (ca == b[j - 1] ? 0 : 1);
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), sub);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    /** Edit distance between two sequences of words (equal when the strings are equal). */
    public static <T> int levenshtein(List<T> a, List<T> b) {
        if (a.size() < b.size()) {
            List<T> t = a;
            a = b;
            b = t;
        }
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            T ca = a.get(i - 1);
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (Objects.equals(ca, b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), sub);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
