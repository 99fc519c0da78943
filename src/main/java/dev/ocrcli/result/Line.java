package dev.ocrcli.result;

import java.util.List;

/**
 * One text line: its words in reading order.
 *
 * @param text       the words joined by single spaces
 * @param confidence mean of the words' confidences, 0..100 (0 for a line without words)
 * @param box        the line's bounding box
 * @param words      the words
 */
public record Line(String text, double confidence, Box box, List<Word> words) {
    public Line {
        words = List.copyOf(words);
    }
}
