package dev.ocrcli.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What was recognised on one page (one image, or one page of a multi-page file).
 *
 * @param pageNumber 1-based page number within the input
 * @param width      image width in pixels (of the input as loaded, after EXIF orientation)
 * @param height     image height in pixels
 * @param dpi        resolution used for recognition, 0 when unknown (Tesseract then estimates it)
 * @param text       the page text laid out by Tesseract (paragraphs separated by blank lines)
 * @param lines      the text lines with their words
 * @param preprocessing what each preprocessing step measured and did
 */
public record PageResult(int pageNumber, int width, int height, int dpi, String text, List<Line> lines,
                         List<StepReport> preprocessing) {
    public PageResult {
        lines = List.copyOf(lines);
        preprocessing = List.copyOf(preprocessing);
    }

    /** A page read without preprocessing (or whose text came from elsewhere, e.g. a PDF's text layer). */
    public PageResult(int pageNumber, int width, int height, int dpi, String text, List<Line> lines) {
        this(pageNumber, width, height, dpi, text, lines, List.of());
    }

    /** All words of the page in reading order. */
    public List<Word> words() {
        List<Word> all = new ArrayList<>();
        for (Line l : lines) {
            all.addAll(l.words());
        }
        return Collections.unmodifiableList(all);
    }

    /** Mean word confidence of the page, 0..100; 0 when no word was found. */
    public double meanConfidence() {
        return Confidence.mean(words());
    }
}
