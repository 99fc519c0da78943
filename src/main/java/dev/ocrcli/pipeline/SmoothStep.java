package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.List;
import java.util.Locale;

/**
 * The {@code smooth} step: thermal and dot-matrix print, a worn ribbon, or a fax breaks each
 * letter into specks that Tesseract's binarisation keeps apart, and the layout then takes the
 * page for noise or a picture (a receipt can come back with no word right). Where a page reads
 * doubtfully, it is read once more smoothed (a Gaussian blur about a stroke wide, which joins the
 * specks of one letter but not two letters) and enlarged as {@code vote} enlarges pages, and that
 * reading replaces the page's when it holds clearly more confidently read text ({@link Reading#score}, by
 * {@value #BETTER}x) and more words read confidently: junk read from specks is neither.
 * The page decides with its own evidence; on a page whose letters were whole, smoothing only
 * blurs them and that reading loses.
 */
final class SmoothStep implements ReadingStep {
    /** The blur's standard deviation, in typical glyph heights (a stroke's width is about a tenth). */
    static final double SIGMA_PER_GLYPH = 0.1;
    /** ... and at least this many pixels. */
    static final double MIN_SIGMA = 0.7;
    /** The blur that joins the specks of a letter enough to measure its height, where no glyph-sized blob is found. */
    static final double SPECK_SIGMA = 1.5;
    /**
     * The smoothed reading replaces the page's only when it holds this much more confidently read
     * text: it reads an altered image, so a tie (two readings about as good) keeps the page's.
     */
    static final double BETTER = 1.1;

    @Override
    public String name() {
        return "smooth";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        List<Word> words = r.tree().words();
        long doubtful = VoteStep.doubtful(words);
        String measured = VoteStep.doubtReport(words);
        double glyph = Analysis.glyphHeight(r.image());
        if (glyph <= 0) {
            // print wholly broken into dots has no glyph-sized blob until it is smoothed
            glyph = Analysis.glyphHeight(blur(r.image(), SPECK_SIGMA));
        }
        if (glyph <= 0) {
            return Outcome.skipped(r, "no text-like ink");
        }
        if (!words.isEmpty() && doubtful < VoteStep.MIN_DOUBTFUL_SHARE * words.size()) {
            return Outcome.skipped(r, measured);
        }
        double sigma = Math.max(MIN_SIGMA, SIGMA_PER_GLYPH * glyph);
        List<Double> scales = VoteStep.enlargements(r);
        double scale = scales.isEmpty() ? 1 : scales.get(scales.size() - 1);
        GrayImage smooth = blur(r.image(), sigma);
        PageTree smoothed = page.readings().read(smooth, new Readings.Request(0, r.dpi(), null, name(), page.glyphsFor()).scaled(scale));
        double before = r.score();
        double after = Reading.score(smoothed);
        String detail = String.format(Locale.ROOT, "%s; read smoothed (blur %.1f px) at %.1fx: score %.0f, the page's %.0f", measured, sigma,
                scale, after, before);
        long sureBefore = words.size() - doubtful;
        long sureAfter = smoothed.words().stream().filter(w -> w.confidence() >= VoteStep.DOUBT).count();
        detail += String.format(Locale.ROOT, ", words read with %.0f confidence or more %d, the page's %d", VoteStep.DOUBT, sureAfter, sureBefore);
        if (after <= BETTER * before || sureAfter <= sureBefore) {
            return Outcome.skipped(r, detail + ", kept the page's reading");
        }
        return new Outcome(r.withTree(smoothed), true, detail + ", the smoothed reading kept");
    }

    /** A separable Gaussian blur of standard deviation {@code sigma} pixels, edges repeated. */
    static GrayImage blur(GrayImage img, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.width();
        int h = img.height();
        byte[] p = img.pixels();
        float[] rows = new float[w * h];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -radius; i <= radius; i++) {
                    int xx = Math.min(w - 1, Math.max(0, x + i));
                    s += k[i + radius] * (p[row + xx] & 0xff);
                }
                rows[row + x] = s;
            }
        }
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -radius; i <= radius; i++) {
                    int yy = Math.min(h - 1, Math.max(0, y + i));
                    s += k[i + radius] * rows[yy * w + x];
                }
                out[y * w + x] = (byte) Math.min(255, Math.round(s));
            }
        }
        return new GrayImage(w, h, out);
    }
}
