package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Resize;

import java.util.Locale;

/**
 * Brings the text to the size Tesseract's LSTM models read best: small text is enlarged, very
 * large text reduced, and a cap on the image's longest side ({@code --max-size}) is honoured
 * except where it would shrink the text below a readable height.
 */
final class RescaleStep implements ImageStep {
    /** Typical glyph height (median component height, in pixels) to aim for. */
    static final double TARGET = 30;
    /** Enlarge below this. */
    static final double MIN = 9;
    /** Reduce above this. */
    static final double MAX = 80;
    /** Never shrink text below this height to honour a size cap. */
    static final double READABLE = 16;
    static final double MAX_ENLARGE = 4;

    private final int maxSide;

    /** @param maxSide cap on the longest side in pixels, 0 for none */
    RescaleStep(int maxSide) {
        this.maxSide = maxSide;
    }

    @Override
    public String name() {
        return "rescale";
    }

    /** This step brings the image under {@code --max-size} itself. */
    @Override
    public boolean handlesMaxSize() {
        return true;
    }

    @Override
    public Outcome apply(GrayImage img) {
        double glyph = Analysis.glyphHeight(img);
        double scale = 1;
        if (glyph > 0 && glyph < MIN) {
            scale = Math.min(MAX_ENLARGE, TARGET / glyph);
        } else if (glyph > MAX) {
            scale = TARGET / glyph;
        }
        int longest = Math.max(img.width(), img.height());
        if (maxSide > 0 && longest * scale > maxSide) {
            double capped = (double) maxSide / longest;
            double floor = glyph > 0 ? READABLE / glyph : 0;
            scale = Math.max(capped, Math.min(scale, floor));
        }
        scale = Math.min(scale, (double) MAX_SIDE / longest);
        String d = String.format(Locale.ROOT, "glyph height %.0f px", glyph);
        if (Math.abs(scale - 1) < 0.05) {
            return Outcome.skipped(img, d);
        }
        GrayImage out = Resize.scale(img, scale);
        double sx = (double) img.width() / out.width();
        double sy = (double) img.height() / out.height();
        return new Outcome(out, Affine.scale(sx, sy), true, d + String.format(Locale.ROOT, ", scaled x%.2f", scale));
    }
}
