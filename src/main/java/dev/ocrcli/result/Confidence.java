package dev.ocrcli.result;

import java.util.List;

/** How ocr-cli averages confidences: the plain mean of word confidences. */
final class Confidence {
    private Confidence() {}

    static double mean(List<Word> words) {
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
