package dev.ocrcli.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Order-free word accuracy, defined exactly as {@code tools/wordacc.py}: every ground-truth word
 * counts once and is correct when the output holds the same string (exact, case-sensitive), each
 * output word used at most once (multiset intersection). accuracy = correct / max(1, ground-truth
 * words); precision = correct / max(1, output words). Output text is split into words on white space,
 * nothing else (no normalisation).
 */
public final class WordAccuracy {
    private WordAccuracy() {}

    /**
     * @param correct   ground-truth words found in the output
     * @param gtWords   ground-truth words
     * @param outWords  output words
     * @param accuracy  correct / max(1, gtWords)
     * @param precision correct / max(1, outWords)
     */
    public record Score(int correct, int gtWords, int outWords, double accuracy, double precision) {}

    /** The words of plain output text ({@code str.split()}). */
    public static List<String> words(String text) {
        return PyText.split(text);
    }

    public static Score score(List<String> groundTruth, List<String> output) {
        Map<String, Integer> available = new HashMap<>();
        for (String w : output) {
            available.merge(w, 1, Integer::sum);
        }
        int correct = 0;
        for (String w : groundTruth) {
            Integer n = available.get(w);
            if (n != null && n > 0) {
                correct++;
                available.put(w, n - 1);
            }
        }
        return new Score(correct, groundTruth.size(), output.size(),
                (double) correct / Math.max(1, groundTruth.size()), (double) correct / Math.max(1, output.size()));
    }

    /** Scores plain output text against ground-truth words. */
    public static Score score(List<String> groundTruth, String outputText) {
        return score(groundTruth, words(outputText));
    }
}
