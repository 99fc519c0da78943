package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Glyph;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code spaces} step: splits words Tesseract glued across a space between a number and a letter: a table's
 * {@code 13 A} read as {@code 13A}, {@code 10 kg} as {@code 10kg}. Where the word's text turns from
 * digits to letters (or back), the page itself is measured between the two characters: a blank gap
 * at least {@value #SPACE} of the word's height wide ({@value #SPACE_BY_ONE} beside a {@code 1}) is a
 * space, and the word is split there. Between the characters of one code ({@code 12/18A},
 * {@code Q4}, {@code 15x}) the gap measures 0.04-0.14 of the height; the spaces Tesseract missed
 * on a table of {@code 13 A}, {@code 14 B} codes measured 0.34-0.48.
 */
final class SpacesStep implements ReadingStep {
    /** Narrowest blank gap, as a share of the word's height, that counts as a space. */
    static final double SPACE = 0.3;
    /**
     * The same beside a {@code 1}: in the tabular figures of most fonts a {@code 1} is a thin
     * stroke in a digit-wide cell, so its blank sides alone measure about a quarter of its height
     * ({@code 12/21E} and {@code 1st} have 0.33-0.38 between the 1 and the letter, no space).
     */
    static final double SPACE_BY_ONE = 0.5;

    @Override
    public String name() {
        return "spaces";
    }

    @Override
    public Predicate<String> wantsGlyphs() {
        return SpacesStep::candidate;
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        int[] measured = new int[1];
        int[] splits = new int[1];
        PageTree split = r.tree().mapLines(line -> {
            List<Word> words = new ArrayList<>(line.words().size() + 1);
            for (Word w : line.words()) {
                if (w.glyphs().isEmpty() || !candidate(w.text())) {
                    words.add(w);
                    continue;
                }
                measured[0]++;
                words.addAll(split(r.image(), w));
            }
            splits[0] += words.size() - line.words().size();
            return words.size() > line.words().size() ? line.withWords(words) : line;
        });
        String detail = splits[0] + " glued words split of " + measured[0] + " measured";
        return splits[0] == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(split), true, detail);
    }

    /** Whether a word's text turns from digits to letters or back: only such words are measured. */
    static boolean candidate(String word) {
        for (int i = 1; i < word.length(); i++) {
            if (turns(word.charAt(i - 1), word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean turns(char a, char b) {
        return Character.isDigit(a) && Character.isLetter(b) || Character.isLetter(a) && Character.isDigit(b);
    }

    /** The word's parts: itself alone when no turn between digits and letters has a space-wide gap. */
    static List<Word> split(GrayImage image, Word w) {
        List<Glyph> glyphs = w.glyphs();
        StringBuilder joined = new StringBuilder();
        for (Glyph g : glyphs) {
            joined.append(g.text());
        }
        if (!joined.toString().equals(w.text())) {
            return List.of(w);
        }
        Box b = w.box();
        int dark = darkBelow(image, b);
        List<Word> parts = new ArrayList<>(2);
        int from = 0;       // first glyph of the current part
        int x0 = b.x0();    // left edge of the current part
        for (int i = 0; i + 1 < glyphs.size(); i++) {
            Glyph a = glyphs.get(i);
            Glyph c = glyphs.get(i + 1);
            if (a.text().length() != 1 || c.text().length() != 1 || !turns(a.text().charAt(0), c.text().charAt(0))) {
                continue;
            }
            int[] gap = widestGap(image, (a.box().x0() + a.box().x1()) / 2, (c.box().x0() + c.box().x1()) / 2, b.y0(), b.y1(), dark);
            double space = a.text().equals("1") || c.text().equals("1") ? SPACE_BY_ONE : SPACE;
            if (gap[1] - gap[0] >= space * b.height()) {
                parts.add(part(w, from, i + 1, new Box(x0, b.y0(), Math.max(x0, gap[0]), b.y1())));
                from = i + 1;
                x0 = gap[1];
            }
        }
        if (parts.isEmpty()) {
            return List.of(w);
        }
        parts.add(part(w, from, glyphs.size(), new Box(Math.min(x0, b.x1()), b.y0(), b.x1(), b.y1())));
        return parts;
    }

    /** Glyphs {@code [from, to)} of a word as a word of their own, with the word's confidence and origin. */
    private static Word part(Word w, int from, int to, Box box) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append(w.glyphs().get(k).text());
        }
        return new Word(sb.toString(), w.confidence(), box, w.origin(), w.glyphs().subList(from, to));
    }

    /** Midway between the darkest and the lightest pixel of the box: below it is ink. */
    private static int darkBelow(GrayImage image, Box b) {
        int min = 255;
        int max = 0;
        for (int y = Math.max(0, b.y0()); y < Math.min(image.height(), b.y1()); y++) {
            for (int x = Math.max(0, b.x0()); x < Math.min(image.width(), b.x1()); x++) {
                int v = image.get(x, y);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return (min + max) / 2;
    }

    /** The widest run of inkless columns in {@code [xa, xb)} over rows {@code [y0, y1)}: {start, end}. */
    static int[] widestGap(GrayImage image, int xa, int xb, int y0, int y1, int dark) {
        int best0 = xa;
        int best1 = xa;
        int run = -1;
        for (int x = Math.max(0, xa); x <= Math.min(image.width(), xb); x++) {
            boolean blank = x < Math.min(image.width(), xb);
            if (blank) {
                for (int y = Math.max(0, y0); y < Math.min(image.height(), y1); y++) {
                    if (image.get(x, y) < dark) {
                        blank = false;
                        break;
                    }
                }
            }
            if (blank && run < 0) {
                run = x;
            } else if (!blank && run >= 0) {
                if (x - run > best1 - best0) {
                    best0 = run;
                    best1 = x;
                }
                run = -1;
            }
        }
        return new int[] {best0, best1};
    }
}
