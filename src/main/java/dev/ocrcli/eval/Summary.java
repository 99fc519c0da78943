package dev.ocrcli.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unweighted means over pages (every page counts once, as in the reference tools), overall and per group.
 *
 * @param overall all pages
 * @param groups  per group name, sorted by name; pages without a group are left out
 */
public record Summary(Means overall, Map<String, Means> groups) {

    /**
     * @param files     pages counted
     * @param failed    pages that could not be recognised (scored as empty output)
     * @param textFiles pages with text ground truth (the count behind cer and wer)
     * @param cer       mean CER over textFiles, NaN when there are none
     * @param wer       mean WER
     * @param hocrFiles pages with hOCR ground truth
     * @param accuracy  mean word accuracy over hocrFiles, NaN when there are none
     * @param precision mean word precision
     */
    public record Means(int files, int failed, int textFiles, double cer, double wer, int hocrFiles, double accuracy,
                        double precision) {}

    public static Summary of(List<FileScore> scores) {
        Map<String, List<FileScore>> byGroup = new TreeMap<>();
        for (FileScore s : scores) {
            if (s.group() != null) {
                byGroup.computeIfAbsent(s.group(), g -> new java.util.ArrayList<>()).add(s);
            }
        }
        Map<String, Means> groups = new LinkedHashMap<>();
        byGroup.forEach((g, list) -> groups.put(g, means(list)));
        return new Summary(means(scores), Collections.unmodifiableMap(groups));
    }

    static Means means(List<FileScore> scores) {
        int failed = 0;
        int nt = 0;
        int nh = 0;
        double cer = 0;
        double wer = 0;
        double acc = 0;
        double prec = 0;
        for (FileScore s : scores) {
            if (s.failed()) {
                failed++;
            }
            if (s.text() != null) {
                nt++;
                cer += s.text().cer();
                wer += s.text().wer();
            }
            if (s.words() != null) {
                nh++;
                acc += s.words().accuracy();
                prec += s.words().precision();
            }
        }
        return new Means(scores.size(), failed, nt, nt == 0 ? Double.NaN : cer / nt, nt == 0 ? Double.NaN : wer / nt,
                nh, nh == 0 ? Double.NaN : acc / nh, nh == 0 ? Double.NaN : prec / nh);
    }
}
