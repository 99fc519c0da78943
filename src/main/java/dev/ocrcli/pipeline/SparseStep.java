package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;

import java.util.List;
import java.util.Locale;

/**
 * The {@code sparse} step: Tesseract's page layout sometimes takes a stained table or dense small
 * print for a picture and reads nothing there, which only a look at the ink reveals. When less
 * than {@value #MIN_COVERAGE} of the page's glyph-sized ink blobs lie in a line that was read
 * ({@link Coverage}), the page is read again as sparse text ({@code --psm 11}) and that reading is
 * kept when it holds more confident text. Only with automatic page segmentation ({@code --psm 3}).
 */
final class SparseStep implements ReadingStep {
    /**
     * Below this share of its text-like ink read, a page is read again as sparse text (measured on
     * the Scribe pages: 0.41-0.75 on the three pages where the layout under-reads, 0.92 and more
     * on the other eleven and 1.0 on the synthetic pages).
     */
    static final double MIN_COVERAGE = 0.8;
    /** Tesseract's "sparse text" page segmentation: as much text as possible, in no particular order. */
    static final int PSM_SPARSE = 11;
    /** Tesseract's automatic page segmentation, the only one whose layout this step second-guesses. */
    static final int PSM_AUTO = 3;

    @Override
    public String name() {
        return "sparse";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        if (page.psm() != PSM_AUTO) {
            return Outcome.skipped(r, "only with automatic page segmentation (--psm 3)");
        }
        List<Box> read = r.tree().lines().stream().map(Line::box).toList();
        double coverage = Coverage.of(r.image(), read);
        String detail = String.format(Locale.ROOT, "layout read %.0f%% of the text-like ink", 100 * coverage);
        if (coverage >= MIN_COVERAGE) {
            return Outcome.skipped(r, detail);
        }
        PageTree sparse = page.readings().read(r.image(), new Readings.Request(PSM_SPARSE, r.dpi(), null, name(), page.glyphsFor()));
        // the sparse reading loses the layout's reading order, so it must read more confident text to win
        if (Reading.score(sparse) <= r.score()) {
            return Outcome.skipped(r, detail + ", kept the layout's reading");
        }
        return new Outcome(r.withTree(sparse), true, detail + ", the sparse-text reading reads more");
    }
}
