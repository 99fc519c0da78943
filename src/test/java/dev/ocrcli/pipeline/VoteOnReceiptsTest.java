package dev.ocrcli.pipeline;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.Word;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code vote} step on real scanned receipts (thermal print, faint, small type: the pages it
 * is for), against their ground truth: it must change words, and the words it changes must, all
 * together, match the truth more often than the first reading did.
 */
class VoteOnReceiptsTest {
    static final Pattern WORD = Pattern.compile("class=['\"]ocrx_word['\"][^>]*>([^<]*)<");

    static List<String> truth(Path hocr) throws Exception {
        Matcher m = WORD.matcher(Files.readString(hocr));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            String w = m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").strip();
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** How many of the words match a truth word not matched yet (case folded, as the receipts are scored). */
    static int matched(List<Word> words, List<String> truth) {
        Map<String, Integer> left = new HashMap<>();
        truth.forEach(t -> left.merge(t, 1, Integer::sum));
        int n = 0;
        for (Word w : words) {
            String t = w.text().toLowerCase(Locale.ROOT);
            Integer k = left.get(t);
            if (k != null && k > 0) {
                left.put(t, k - 1);
                n++;
            }
        }
        return n;
    }

    @Test
    void voteChangesWordsOnReceiptsAndGetsMoreOfThemRight() throws Exception {
        Path dir = Shared.require("eval/receipts");
        List<Path> images;
        try (Stream<Path> s = Files.list(dir.resolve("img"))) {
            images = s.sorted().limit(6).toList();
        }
        int with = 0;
        int without = 0;
        int changed = 0;
        try (OcrEngine voting = OcrEngine.builder().languages("eng").preprocess("vote").build();
             OcrEngine plain = OcrEngine.builder().languages("eng").preprocess("none").build()) {
            for (Path img : images) {
                String id = img.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                List<String> truth = truth(dir.resolve("ground_truth").resolve(id + ".truth.hocr"));
                OcrResult v = voting.recognize(img);
                OcrResult p = plain.recognize(img);
                with += matched(v.words(), truth);
                without += matched(p.words(), truth);
                changed += (int) v.words().stream().filter(w -> w.origin().reading().equals("vote")).count();
            }
        }
        assertTrue(changed > 0, "the vote changed no word on " + images.size() + " receipts");
        assertTrue(with > without, "words matching the truth: " + with + " with the vote, " + without + " without ("
                + changed + " words changed)");
    }
}
