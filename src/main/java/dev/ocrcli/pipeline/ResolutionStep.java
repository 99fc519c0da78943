package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

import java.util.Locale;

/**
 * The {@code resolution} step: estimates the image's resolution from the size of its text, and
 * the engine hands that to Tesseract instead of what the file declares. Tesseract's layout
 * analysis works in absolute units (noise sizes, column gaps, table cells in fractions of an
 * inch), so a scan that declares 72 or 96 dpi, or nothing, misleads it: it takes ordinary body
 * text for large type and the gaps between table cells for narrow ones. The estimate assumes
 * the page's typical text is body text of {@value #BODY_POINTS} pt, whatever the scan's real
 * resolution: a page of large type is then read as a page of ordinary type, which is what
 * Tesseract's thresholds were made for. {@code --dpi} overrides it; a page with too little text
 * to measure keeps the declared resolution.
 *
 * <p>The image is not changed; the step only reports the estimate, which the pipeline uses for
 * the first reading and for every reading a later step asks for.
 */
final class ResolutionStep implements ImageStep {
    /** The size of body text the estimate assumes, in points. */
    static final double BODY_POINTS = 11;
    /**
     * What {@link Analysis#glyphHeight} measures for 10 pt text rendered at 300 dpi (serif, sans
     * and monospace faces alike: 23-24 px), per point and per dpi.
     */
    static final double GLYPH_PX_PER_POINT_PER_DPI = 23.5 / 10 / 300;
    static final int MIN_DPI = 70;
    static final int MAX_DPI = 1200;

    @Override
    public String name() {
        return "resolution";
    }

    @Override
    public Outcome apply(GrayImage image) {
        double glyph = Analysis.glyphHeight(image);
        int dpi = estimate(glyph);
        if (dpi == 0) {
            return Outcome.skipped(image, "too little text to measure; the declared resolution is kept");
        }
        return Outcome.estimated(image, dpi, String.format(Locale.ROOT, "%d dpi, from %.0f px glyphs", dpi, glyph));
    }

    /** The resolution at which glyphs of {@code glyph} px are {@value #BODY_POINTS} pt text; 0 when not measured. */
    static int estimate(double glyph) {
        if (!(glyph > 0)) {
            return 0;
        }
        long dpi = Math.round(glyph / (BODY_POINTS * GLYPH_PX_PER_POINT_PER_DPI));
        return (int) Math.max(MIN_DPI, Math.min(MAX_DPI, dpi));
    }
}
