package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code gaps} step: Tesseract's page layout leaves text out (a column of prices on a
 * receipt, a line-number column, a table cell, a label). The page's glyph-sized ink blobs that
 * lie in no word read are gathered into regions, each region is read twice more (as a block of
 * text, {@code --psm 6}, as it is and enlarged {@value #SCALE}x), and a word is added where both
 * readings read the same text at the same place and it overlaps no word kept. Two readings
 * agreeing is the evidence; what only one of them makes of a speck or a picture's texture stays
 * out. Only the unread regions are read, so the cost follows what the layout missed.
 */
final class GapsStep implements ReadingStep {
    /** The page is looked at again when less than this share of its glyph-sized ink lies in a word read. */
    static final double MIN_COVERAGE = 0.98;
    /** An added word may share at most this much of the smaller box with a kept word. */
    static final double FREE = 0.3;
    /** The second reading of a region is enlarged this much. */
    static final double SCALE = 1.5;
    /** At most this many regions are read (the ones with the most unread ink). */
    static final int MAX_REGIONS = 60;

    @Override
    public String name() {
        return "gaps";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        List<Box> read = r.tree().words().stream().map(Word::box).toList();
        double coverage = Coverage.of(r.image(), read);
        String measured = String.format(Locale.ROOT, "words cover %.1f%% of the text-like ink", 100 * coverage);
        if (coverage >= MIN_COVERAGE) {
            return Outcome.skipped(r, measured);
        }
        List<Box> regions = unreadRegions(r.image(), read);
        List<Line> found = new ArrayList<>();
        for (Box region : regions) {
            Readings.Request block = new Readings.Request(VoteStep.PSM_BLOCK, r.dpi(), null, name(), page.glyphsFor()).in(region);
            PageTree a = page.readings().read(r.image(), block);
            if (a.isEmpty()) {
                continue;
            }
            PageTree b = page.readings().read(r.image(), block.scaled(SCALE));
            found.addAll(agreed(a, b).lines());
        }
        PageTree merged = Merge.addUncovered(r.tree(), PageTree.ofLines(found), FREE);
        int added = merged.words().size() - r.tree().words().size();
        String detail = measured + "; " + regions.size() + " unread regions read twice, " + added + " words both readings agree on added";
        return added == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(merged), true, detail);
    }

    /**
     * The page's unread ink gathered into regions: glyph-sized blobs whose centre lies in no word
     * box, each grown by a glyph's height sideways and half of one up and down, joined where they
     * touch, and padded by a glyph's height; the {@value #MAX_REGIONS} holding the most blobs.
     */
    static List<Box> unreadRegions(GrayImage img, List<Box> read) {
        double glyph = Analysis.glyphHeight(img);
        if (glyph <= 0) {
            return List.of();
        }
        int gx = (int) Math.ceil(glyph);
        int gy = (int) Math.ceil(glyph / 2);
        List<int[]> grown = new ArrayList<>();   // x0, y0, x1, y1, blobs
        for (int[] b : Analysis.inkComponents(img)) {
            int bh = b[3] - b[1];
            if (bh < glyph * 0.5 || bh > glyph * 2 || !Analysis.glyphShaped(b)) {
                continue;
            }
            int cx = (b[0] + b[2]) / 2;
            int cy = (b[1] + b[3]) / 2;
            if (read.stream().anyMatch(w -> w.contains(cx, cy))) {
                continue;
            }
            grown.add(new int[] {b[0] - gx, b[1] - gy, b[2] + gx, b[3] + gy, 1});
        }
        // join touching boxes until none touch (few boxes on a page that needs this step)
        boolean joined = true;
        while (joined) {
            joined = false;
            for (int i = 0; i < grown.size() && !joined; i++) {
                for (int j = i + 1; j < grown.size(); j++) {
                    int[] a = grown.get(i);
                    int[] b = grown.get(j);
                    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) {
                        grown.set(i, new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]), a[4] + b[4]});
                        grown.remove(j);
                        joined = true;
                        break;
                    }
                }
            }
        }
        return grown.stream().sorted(Comparator.comparingInt((int[] g) -> -g[4])).limit(MAX_REGIONS)
                .map(g -> new Box(Math.max(0, g[0] - gx), Math.max(0, g[1] - gy), Math.min(img.width(), g[2] + gx),
                        Math.min(img.height(), g[3] + gy)))
                .toList();
    }

    /** The lines of {@code a} with only the words {@code b} also read: the same text at the same place. */
    static PageTree agreed(PageTree a, PageTree b) {
        List<Word> others = b.words();
        List<Line> out = new ArrayList<>();
        for (Line l : a.lines()) {
            List<Word> kept = l.words().stream()
                    .filter(w -> others.stream().anyMatch(o -> o.text().equals(w.text()) && Merge.overlap(w.box(), o.box(), VoteStep.SAME_PLACE)))
                    .toList();
            if (!kept.isEmpty()) {
                out.add(new Line(Box.around(kept.stream().map(Word::box).toList()), kept));
            }
        }
        return PageTree.ofLines(out);
    }
}
