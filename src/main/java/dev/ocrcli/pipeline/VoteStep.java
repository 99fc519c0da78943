package dev.ocrcli.pipeline;

import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code vote} step: where a page reads doubtfully, it is read again in ways whose mistakes
 * are largely independent of the first reading's (another page segmentation, {@code --psm 6};
 * Tesseract's legacy engine where its models are installed; and the image enlarged
 * {@value #SMALL_SCALE}x and {@value #LARGE_SCALE}x where that stays affordable), and every word
 * takes the text most readings agree on. Tesseract's slips on
 * faint or small print (an {@code N} for an {@code M}, a {@code T} for an {@code I}) change from
 * one reading to the next; the text itself does not.
 *
 * <p>Per word: the readings vote with the word they hold at its place (a word of another reading
 * counts when it is the only one there, sharing more than {@value #SAME_PLACE} of the smaller box),
 * the first reading's text counting once like every other. Another text replaces it only when
 * more readings hold it than hold the first reading's text, and they read it at least as
 * confidently. The page is read again only when at least {@value #MIN_DOUBTFUL_SHARE} of its words
 * read under {@value #DOUBT} confidence: a page read confidently throughout is left alone, at no cost.
 */
final class VoteStep implements ReadingStep {
    /** A word read with less confidence than this is doubtful. */
    static final double DOUBT = 80;
    /**
     * The share of doubtful words from which a page is read again. Below it a page reads well
     * (clean print: none; the Scribe scans: a few percent on most pages), and three more readings
     * would be spent on a handful of words.
     */
    static final double MIN_DOUBTFUL_SHARE = 0.15;
    /** Two boxes hold the same word when they share more than this of the smaller one. */
    static final double SAME_PLACE = 0.5;
    static final double SMALL_SCALE = 1.5;
    static final double LARGE_SCALE = 2;
    /** No reading enlarges the text beyond this glyph height, where enlarging stops helping and costs most. */
    static final double MAX_GLYPH = 60;
    /**
     * No reading enlarges the image beyond this many pixels: a scanned A4 page (about 9 MP at 300
     * dpi) already has text at a size the models read, and enlarged it would cost several times
     * the first reading.
     */
    static final long MAX_PIXELS = 8_000_000;
    /** Tesseract's "one uniform block of text". */
    static final int PSM_BLOCK = 6;

    @Override
    public String name() {
        return "vote";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        List<Word> words = r.tree().words();
        long doubtful = doubtful(words);
        String measured = doubtReport(words);
        if (words.isEmpty() || doubtful < MIN_DOUBTFUL_SHARE * words.size()) {
            return Outcome.skipped(r, measured);
        }
        List<String> names = new ArrayList<>(4);
        List<PageTree> voters = otherReadings(r, page, name(), names);
        int[] changed = new int[1];
        PageTree voted = r.tree().mapLines(line -> {
            List<Word> out = new ArrayList<>(line.words().size());
            int before = changed[0];
            for (Word w : line.words()) {
                Word v = decide(w, voters);
                changed[0] += v != w ? 1 : 0;
                out.add(v);
            }
            return changed[0] > before ? line.withWords(out) : line;
        });
        String detail = measured + "; " + changed[0] + " words changed by the vote of " + (voters.size() + 1)
                + " readings (layout, " + String.join(", ", names) + ")";
        return changed[0] == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(voted), true, detail);
    }

    /** How many of the words were read under {@value #DOUBT} confidence (the measure this step and {@code smooth} are gated by). */
    static long doubtful(List<Word> words) {
        return words.stream().filter(w -> w.confidence() < DOUBT).count();
    }

    /** That measure as the step reports say it. */
    static String doubtReport(List<Word> words) {
        return String.format(Locale.ROOT, "%d of %d words under %.0f confidence", doubtful(words), words.size(), DOUBT);
    }

    /**
     * The other readings of the page the step votes with: {@code --psm 6}; Tesseract's legacy
     * engine where models carrying it are installed (its mistakes are those of another way of
     * reading altogether); and the image enlarged, at each scale where the text's glyphs stay under
     * {@value #MAX_GLYPH} px and the image under {@value #MAX_PIXELS} pixels. Their names are
     * added to {@code names}, for the step's report.
     */
    static List<PageTree> otherReadings(Reading r, PageContext page, String asker, List<String> names) {
        List<PageTree> out = new ArrayList<>(4);
        Readings.Request block = new Readings.Request(PSM_BLOCK, r.dpi(), null, asker, page.glyphsFor());
        out.add(page.readings().read(r.image(), block));
        names.add("psm " + PSM_BLOCK);
        String legacy = page.readings().legacyModels();
        if (legacy != null) {
            out.add(page.readings().read(r.image(), new Readings.Request(0, r.dpi(), null, asker, page.glyphsFor()).legacy(legacy)));
            names.add("legacy engine");
        }
        for (double s : enlargements(r)) {
            out.add(page.readings().read(r.image(), new Readings.Request(0, r.dpi(), null, asker, page.glyphsFor()).scaled(s)));
            names.add(s + "x");
        }
        return out;
    }

    /** The scales the page is read enlarged at: where its glyphs stay readable and the image affordable. */
    static List<Double> enlargements(Reading r) {
        double glyph = Analysis.glyphHeight(r.image());
        long pixels = (long) r.image().width() * r.image().height();
        List<Double> out = new ArrayList<>(2);
        for (double s : new double[] {SMALL_SCALE, LARGE_SCALE}) {
            if ((glyph <= 0 || glyph * s <= MAX_GLYPH) && pixels * s * s <= MAX_PIXELS) {
                out.add(s);
            }
        }
        return out;
    }

    /** The word as the readings vote: itself, or another reading's text at its place. */
    static Word decide(Word w, List<PageTree> voters) {
        Map<String, Integer> votes = new HashMap<>();
        Map<String, Double> confidence = new HashMap<>();
        Map<String, Word> best = new HashMap<>();
        votes.put(w.text(), 1);
        confidence.put(w.text(), w.confidence());
        for (PageTree t : voters) {
            Word only = null;
            int n = 0;
            for (Word o : t.words()) {
                if (Merge.overlap(w.box(), o.box(), SAME_PLACE)) {
                    only = o;
                    n++;
                }
            }
            if (n != 1) {
                continue;  // the reading split or joined the word differently: no vote
            }
            votes.merge(only.text(), 1, Integer::sum);
            confidence.merge(only.text(), only.confidence(), Double::sum);
            Word prev = best.get(only.text());
            if (prev == null || only.confidence() > prev.confidence()) {
                best.put(only.text(), only);
            }
        }
        String alt = null;
        for (String t : votes.keySet()) {
            if (t.equals(w.text())) {
                continue;
            }
            if (alt == null || votes.get(t) > votes.get(alt)
                    || votes.get(t).equals(votes.get(alt)) && confidence.get(t) > confidence.get(alt)) {
                alt = t;
            }
        }
        if (alt == null) {
            return w;
        }
        int forAlt = votes.get(alt);
        int forOwn = votes.get(w.text());
        double altConf = confidence.get(alt) / forAlt;
        double ownConf = confidence.get(w.text()) / forOwn;
        if (forAlt <= forOwn || altConf < ownConf) {
            return w;
        }
        Word from = best.get(alt);
        // the first reading's box (read at the page's own resolution); the winner's glyphs, which spell the new text
        return new Word(alt, altConf, w.box(), new Origin("vote", from.origin().models()), from.glyphs());
    }
}
