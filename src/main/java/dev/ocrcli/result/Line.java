package dev.ocrcli.result;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One text line: its words in reading order.
 *
 * @param box   the line's bounding box (Tesseract's, which may be larger than its words')
 * @param words the words, at least one
 */
public record Line(Box box, List<Word> words) {
    public Line {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a line needs at least one word");
        }
    }

    /** The words joined by single spaces. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.text());
        }
        return sb.toString();
    }

    /** Mean of the words' confidences, 0..100. */
    public double confidence() {
        return Confidence.mean(words);
    }

    /** The same line with other words (same box). */
    public Line withWords(List<Word> newWords) {
        return new Line(box, newWords);
    }

    /** The same line at another place. */
    public Line mapBoxes(UnaryOperator<Box> f) {
        return new Line(f.apply(box), words.stream().map(w -> w.mapBoxes(f)).toList());
    }
}
