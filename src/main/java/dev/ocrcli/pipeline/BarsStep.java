package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code bars} step: drops the words Tesseract makes of a table's lines rather than of its
 * text: a {@code |} (or {@code ||}, {@code «|}) read from a table border or a column rule, and a
 * one- or two-character {@code _} read from a speck or a stroke. No such word is text that a reader
 * would type.
 *
 * <p>A bar word is dropped where it cannot be a character of the text: at the start or end of its
 * line (a border), or lined up with a bar word of another line (a column rule). A bar inside a
 * line with no other bar beneath or above it ({@code ls | grep}) stays. It runs last: the
 * {@code letters} step sometimes reads such a stroke as {@code ŀ}.
 */
final class BarsStep implements ReadingStep {
    @Override
    public String name() {
        return "bars";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        List<Box> bars = new ArrayList<>();
        for (Word w : r.tree().words()) {
            if (isBar(w.text())) {
                bars.add(w.box());
            }
        }
        int[] dropped = new int[1];
        PageTree kept = r.tree().mapLines(l -> {
            List<Word> words = l.words();
            List<Word> keep = new ArrayList<>(words.size());
            for (int i = 0; i < words.size(); i++) {
                Word w = words.get(i);
                boolean edge = i == 0 || i == words.size() - 1;
                if (isSpeck(w.text()) || isBar(w.text()) && (edge || linedUp(w.box(), bars))) {
                    dropped[0]++;
                } else {
                    keep.add(w);
                }
            }
            return keep.size() == words.size() ? l : keep.isEmpty() ? null : l.withWords(keep);
        });
        String detail = dropped[0] + " bar words dropped";
        return dropped[0] == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(kept), true, detail);
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
