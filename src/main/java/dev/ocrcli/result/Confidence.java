package dev.ocrcli.result;

import java.util.List;

/**
 * How ocr-cli averages confidences: the plain mean of word confidences. Lines, pages, results and
 * the steps that compare readings all use it, so they agree on what "mean confidence" is.
 */
public final class Confidence {
    private Confidence() {}

    /** The mean of the words' confidences, 0 for no words. */
    public static double mean(List<Word> words) {
        if (words.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (Word w : words) {
            sum += w.confidence();
        }
        return sum / words.size();
    }
}
