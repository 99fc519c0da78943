package dev.ocrcli.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of recognising one input: its pages, the languages used and how long it took.
 * Immutable.
 *
 * @param source    a label for the input (its path, or {@code -} for standard input)
 * @param languages the Tesseract languages used, in order
 * @param pages     one entry per page
 * @param timing    where the time went
 */
public record OcrResult(String source, List<String> languages, List<PageResult> pages, Timing timing) {
    /** The form feed Tesseract puts between pages. */
    public static final String PAGE_SEPARATOR = "\f";

    public OcrResult {
        languages = List.copyOf(languages);
        pages = List.copyOf(pages);
    }

    /**
     * Milliseconds spent per phase.
     *
     * @param loadMillis      reading and decoding the image
     * @param recognizeMillis inside Tesseract
     * @param totalMillis     everything, end to end
     */
    public record Timing(long loadMillis, long recognizeMillis, long totalMillis) {}

    /** The text of all pages, separated by form feeds. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            if (i > 0) {
                sb.append(PAGE_SEPARATOR);
            }
            sb.append(pages.get(i).text());
        }
        return sb.toString();
    }

    /** All words of all pages in reading order. */
    public List<Word> words() {
        List<Word> all = new ArrayList<>();
        for (PageResult p : pages) {
            all.addAll(p.words());
        }
        return Collections.unmodifiableList(all);
    }

    /** Mean word confidence over all pages, 0..100; 0 when nothing was recognised. */
    public double meanConfidence() {
        return Confidence.mean(words());
    }
}
