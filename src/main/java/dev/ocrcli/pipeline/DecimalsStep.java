package dev.ocrcli.pipeline;

import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code decimals} step: a page writes its amounts with one decimal mark, and where the
 * engine read most of them one way ({@code 75.00}, {@code 4.25}) the few it read the other way
 * ({@code 75,00}) are the same glyph misread: on dot-matrix and thermal print the point and the
 * comma are a dot or two apart. Those few are written with the page's mark.
 *
 * <p>Only amounts with exactly two decimals count, as words of their own (a sign, a bracket, a
 * currency sign or a trailing {@code %} or punctuation may stand around them): {@code 1,250}
 * (thousands) and {@code 3.5} are no evidence either way and are never changed. The page's
 * mark must hold at least {@value #MIN_MAJORITY} amounts and {@value #RATIO} times as many as the
 * other mark; a page that really writes both ways (a table of European and English prices) has
 * no such majority and is left alone.
 */
final class DecimalsStep implements ReadingStep {
    /** An amount with two decimals: group 1 is the text before the mark, 2 the mark, 3 the rest. */
    static final Pattern AMOUNT = Pattern.compile("([-+(]?[$€£¥]?\\d+)([.,])(\\d\\d[)%]?[.,:;]?)");
    /** The page's mark must hold at least this many amounts ... */
    static final int MIN_MAJORITY = 3;
    /** ... and this many times as many as the other mark. */
    static final int RATIO = 3;

    @Override
    public String name() {
        return "decimals";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        int dots = 0;
        int commas = 0;
        for (Word w : r.tree().words()) {
            Matcher m = AMOUNT.matcher(w.text());
            if (m.matches()) {
                if (m.group(2).equals(".")) {
                    dots++;
                } else {
                    commas++;
                }
            }
        }
        String measured = String.format(Locale.ROOT, "%d amounts with a decimal point, %d with a decimal comma", dots, commas);
        char mark = mark(dots, commas);
        if (mark == 0) {
            return Outcome.skipped(r, measured);
        }
        int[] changed = new int[1];
        PageTree fixed = r.tree().mapLines(line -> {
            List<Word> out = new ArrayList<>(line.words().size());
            boolean any = false;
            for (Word w : line.words()) {
                String t = withMark(w.text(), mark);
                any |= !t.equals(w.text());
                out.add(t.equals(w.text()) ? w : w.withText(t));
            }
            changed[0] += any ? 1 : 0;
            return any ? line.withWords(out) : line;
        });
        String detail = measured + "; " + (mark == '.' ? "commas" : "points") + " written as the page's decimal "
                + (mark == '.' ? "point" : "comma") + " in " + changed[0] + " lines";
        return changed[0] == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(fixed), true, detail);
    }

    /** The page's decimal mark, or 0 when neither holds a clear majority of its two-decimal amounts. */
    static char mark(int dots, int commas) {
        if (dots >= MIN_MAJORITY && dots >= RATIO * commas && commas > 0) {
            return '.';
        }
        if (commas >= MIN_MAJORITY && commas >= RATIO * dots && dots > 0) {
            return ',';
        }
        return 0;
    }

    /** The word with its decimal mark made {@code mark}, where it is an amount with two decimals; else the word. */
    static String withMark(String word, char mark) {
        Matcher m = AMOUNT.matcher(word);
        if (!m.matches() || m.group(2).charAt(0) == mark) {
            return word;
        }
        return m.group(1) + mark + m.group(3);
    }
}
