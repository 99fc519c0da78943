package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.StepReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Removes ruling lines: the rules and frames of tables, underlines, form fields. Tesseract's
 * page layout takes a ruled table for a picture or joins its cells into one run-on line; with
 * the rules painted over in paper colour it finds the cells as ordinary text.
 *
 * <p>A rule is a run of ink far longer than any letter ({@value #RUN_GLYPHS} typical glyph
 * heights, at least {@value #MIN_RUN} px) and thin (at most a third of a glyph height thick).
 * Thick dark areas (bars, photographs, inverted headings) are kept. Vertical rules always go;
 * horizontal ones only where they meet a vertical rule (the grid of a table, a frame), because
 * a lone horizontal rule between blocks of text helps Tesseract's layout analysis. The step acts only when it
 * finds such lines, so pages without them pass through untouched.
 *
 * <p>Painting rules over also costs: a rule that touches text takes strokes with it, and a frame
 * or a column rule can be what keeps a line-number column apart from the text beside it. So a
 * page whose rules were removed is also read with them in place ({@link #confirm}), and the
 * reading with more confidently read text is kept, as {@code orient} keeps a turned page only when
 * it reads better: the page itself says whether removing its rules helped.
 */
final class RulesStep implements ImageStep {
    /** A rule is at least this many typical glyph heights long. */
    static final int RUN_GLYPHS = 6;
    /** ... and at least this many pixels. */
    static final int MIN_RUN = 60;

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Outcome apply(GrayImage img) {
        int w = img.width();
        int h = img.height();
        boolean[] ink = Analysis.inkMask(img);
        double glyph = Analysis.glyphHeight(img);
        if (glyph <= 0 || w < MIN_RUN || h < MIN_RUN) {
            return Outcome.skipped(img, "no text to measure rules against");
        }
        int minRun = (int) Math.max(MIN_RUN, Math.round(RUN_GLYPHS * glyph));
        int maxThick = (int) Math.max(3, Math.round(glyph / 3));
        String d = String.format(Locale.ROOT, "glyph height %.0f px, rules of %d+ px", glyph, minRun);
        boolean[] cols = new boolean[w * h];
        long vertical = markVertical(ink, cols, w, h, minRun, maxThick);
        if (vertical == 0) {
            // horizontal rules are only removed where they meet vertical ones
            return Outcome.skipped(img, d + ": none");
        }
        boolean[] rows = new boolean[w * h];
        markHorizontal(ink, rows, w, h, minRun, maxThick);
        // Horizontal rules go only where they meet vertical ones (a grid, a box): a rule standing
        // alone between paragraphs or under a heading keeps blocks apart, and Tesseract's layout
        // analysis does better with it.
        boolean[] rule = cols;
        long horizontal = 0;
        for (int[] b : Analysis.components(rows, w, h)) {
            if (!meetsVertical(cols, w, h, b)) {
                continue;
            }
            for (int y = b[1]; y < b[3]; y++) {
                for (int x = b[0]; x < b[2]; x++) {
                    int i = y * w + x;
                    if (rows[i] && !rule[i]) {
                        rule[i] = true;
                        horizontal++;
                    }
                }
            }
        }
        int paper = img.percentile(0.9);
        byte[] out = img.pixels().clone();
        byte fill = (byte) paper;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (rule[i]) {
                    out[i] = fill;
                    // the anti-aliased fringe on either side of the rule
                    if (x > 0 && !ink[i - 1]) {
                        out[i - 1] = fill;
                    }
                    if (x < w - 1 && !ink[i + 1]) {
                        out[i + 1] = fill;
                    }
                    if (y > 0 && !ink[i - w]) {
                        out[i - w] = fill;
                    }
                    if (y < h - 1 && !ink[i + w]) {
                        out[i + w] = fill;
                    }
                }
            }
        }
        return Outcome.changed(new GrayImage(w, h, out),
                d + ": removed " + horizontal + " px of horizontal and " + vertical + " px of vertical rules");
    }

    /**
     * The first reading of a page, checked against a reading of the page with its rules in place
     * when this step removed some: whichever reads more confidently ({@link Reading#score}) is
     * kept, and the step's report says which. Pages where the step did nothing cost nothing.
     */
    @Override
    public Reading confirm(Reading first, PageContext page) {
        int at = -1;
        for (int i = 0; i < first.imageSteps().size(); i++) {
            StepReport s = first.imageSteps().get(i);
            if (s.step().equals("rules") && s.applied()) {
                at = i;
            }
        }
        if (at < 0) {
            return first;
        }
        long t0 = System.nanoTime();
        Reading ruled = page.pipeline().readImage(page.input(), page.dpi(), page.readings(), dev.ocrcli.result.Origin.LAYOUT,
                step -> !(step instanceof RulesStep));
        double with = first.score();
        double without = ruled.score();
        StepReport was = first.imageSteps().get(at);
        long micros = was.micros() + (System.nanoTime() - t0) / 1000;
        String verdict = String.format(Locale.ROOT, "; the page reads %s (score %.0f without rules, %.0f with them)",
                without > with ? "better with its rules, so they stay" : "better without them", with, without);
        if (without > with) {
            List<StepReport> steps = new ArrayList<>(ruled.imageSteps());
            steps.add(Math.min(at, steps.size()), new StepReport(was.step(), false, was.detail() + verdict, micros));
            return new Reading(ruled.image(), ruled.toInput(), ruled.dpi(), ruled.tree(), steps);
        }
        List<StepReport> steps = new ArrayList<>(first.imageSteps());
        steps.set(at, new StepReport(was.step(), true, was.detail() + verdict, micros));
        return new Reading(first.image(), first.toInput(), first.dpi(), first.tree(), steps);
    }

    /**
     * Marks thin long horizontal runs of ink: a run of at least {@code minRun} columns in one row
     * is marked, unless it lies in more than {@code maxThick} consecutive rows marked at that column
     * (a bar or a dark area, not a rule). Returns how many pixels it marked.
     */
    static long markHorizontal(boolean[] ink, boolean[] rule, int w, int h, int minRun, int maxThick) {
        boolean[] here = new boolean[w];
        // how many consecutive rows a column has been marked, to refuse thick bars
        int[] thickness = new int[w];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            java.util.Arrays.fill(here, false);
            for (int start = 0, x; start < w; start = x + 1) {
                x = runEnd(ink, row, start, w);
                if (x - start >= minRun) {
                    java.util.Arrays.fill(here, start, x, true);
                }
            }
            for (int k = 0; k < w; k++) {
                thickness[k] = here[k] ? thickness[k] + 1 : 0;
                if (here[k]) {
                    rule[row + k] = true;
                }
                if (thickness[k] == maxThick + 1) {
                    // too thick for a rule: unmark what this column got so far
                    for (int back = 0; back <= maxThick; back++) {
                        rule[row - back * w + k] = false;
                    }
                } else if (thickness[k] > maxThick + 1) {
                    rule[row + k] = false;
                }
            }
        }
        long marked = 0;
        for (boolean r : rule) {
            marked += r ? 1 : 0;
        }
        return marked;
    }

    /**
     * Marks thin long vertical runs of ink, as {@link #markHorizontal} does along rows, walking the
     * image row by row (cache-friendly on a large page): a run of at least {@code minRun} rows in one
     * column is marked, then any row's stretch of more than {@code maxThick} neighbouring marked
     * columns is unmarked (a bar, not a rule). Returns how many pixels stay marked.
     */
    static long markVertical(boolean[] ink, boolean[] rule, int w, int h, int minRun, int maxThick) {
        int[] start = new int[w];
        java.util.Arrays.fill(start, -1);
        boolean any = false;
        for (int y = 0; y <= h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                boolean on = y < h && ink[row + x];
                if (on) {
                    if (start[x] < 0) {
                        start[x] = y;
                    }
                } else if (start[x] >= 0) {
                    if (y - start[x] >= minRun) {
                        for (int k = start[x]; k < y; k++) {
                            rule[k * w + x] = true;
                        }
                        any = true;
                    }
                    start[x] = -1;
                }
            }
        }
        if (!any) {
            return 0;
        }
        long marked = 0;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int from = 0, x; from < w; from = x + 1) {
                x = runEnd(rule, row, from, w);
                if (x - from > maxThick) {
                    java.util.Arrays.fill(rule, row + from, row + x, false);
                } else {
                    marked += x - from;
                }
            }
        }
        return marked;
    }

    /** Where the run of true cells starting at column {@code from} of a row ends (exclusive; {@code from} when there is none). */
    private static int runEnd(boolean[] mask, int row, int from, int w) {
        int x = from;
        while (x < w && mask[row + x]) {
            x++;
        }
        return x;
    }

    /** Whether a vertical rule pixel lies in the box {x0, y0, x1, y1} grown by a few pixels. */
    static boolean meetsVertical(boolean[] cols, int w, int h, int[] b) {
        int grow = 3;
        for (int y = Math.max(0, b[1] - grow); y < Math.min(h, b[3] + grow); y++) {
            for (int x = Math.max(0, b[0] - grow); x < Math.min(w, b[2] + grow); x++) {
                if (cols[y * w + x]) {
                    return true;
                }
            }
        }
        return false;
    }
}
