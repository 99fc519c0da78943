package dev.ocrcli.engine;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops the words Tesseract makes of a table's lines rather than of its text: a {@code |} (or
 * {@code ||}, {@code «|}) read from a table border or a column rule, and a one- or two-character
 * {@code _} read from a speck or a stroke. No such word is text that a reader would type.
 *
 * <p>A bar word is dropped where it cannot be a character of the text: at the start or end of its
 * line (a border), or lined up with a bar word of another line (a column rule). A bar inside a
 * line with no other bar beneath or above it ({@code ls | grep}) stays.
 */
final class BarFilter {
    private BarFilter() {
    }

    /**
     * The reading without its bar words: lines left without words are removed, with their rows of
     * the text. The same objects when nothing is dropped.
     *
     * @param text  Tesseract's page text: one row per line, in the order of {@code lines}, blank
     *              rows between blocks
     * @param lines the lines of that text
     */
    static ScriptResolver.Result drop(String text, List<Line> lines) {
        List<Box> bars = new ArrayList<>();
        for (Line l : lines) {
            for (Word w : l.words()) {
                if (isBar(w.text())) {
                    bars.add(w.box());
                }
            }
        }
        List<Line> out = new ArrayList<>(lines.size());
        int dropped = 0;
        for (Line l : lines) {
            List<Word> words = l.words();
            List<Word> kept = new ArrayList<>(words.size());
            for (int i = 0; i < words.size(); i++) {
                Word w = words.get(i);
                boolean edge = i == 0 || i == words.size() - 1;
                if (isSpeck(w.text()) || isBar(w.text()) && (edge || linedUp(w.box(), bars))) {
                    dropped++;
                } else {
                    kept.add(w);
                }
            }
            out.add(kept.size() == words.size() ? l : kept.isEmpty() ? null : TesseractHandle.line(kept, l.box()));
        }
        if (dropped == 0) {
            return new ScriptResolver.Result(text, lines, 0);
        }
        String rebuilt = OcrEngine.relined(text, lines, out, null);
        if (rebuilt == null) {
            return new ScriptResolver.Result(text, lines, 0);
        }
        out.removeIf(l -> l == null);
        return new ScriptResolver.Result(rebuilt, out, dropped);
    }

    /** A word of bar strokes only: at least one {@code |}, and no letter or digit. */
    static boolean isBar(String word) {
        boolean bar = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '|' || c == '¦' || c == '‖') {
                bar = true;
            } else if (Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return bar;
    }

    /** One or two underscores alone: a speck or a short stroke, not a form's blank to fill in. */
    static boolean isSpeck(String word) {
        return word.equals("_") || word.equals("__");
    }

    /** Whether a bar word of another line (above or below, not beside) overlaps this one's columns. */
    private static boolean linedUp(Box box, List<Box> bars) {
        for (Box b : bars) {
            if (Math.min(b.x1(), box.x1()) > Math.max(b.x0(), box.x0()) && (b.y0() >= box.y1() || b.y1() <= box.y0())) {
                return true;
            }
        }
        return false;
    }
}
