package dev.ocrcli.pipeline;

import dev.ocrcli.OcrException;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Resize;
import dev.ocrcli.result.StepReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The pipeline a page goes through: the image steps, the first recognition (Tesseract's page
 * layout), then the reading steps, each named, switchable with {@code --preprocess}, and
 * reported. Made once per engine from the {@code --preprocess} value ({@link Steps} lists the
 * steps); stateless, so one pipeline serves page after page.
 */
public final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final String spec;
    private final List<String> names;
    private final List<ImageStep> imageSteps = new ArrayList<>();
    private final List<ReadingStep> readingSteps = new ArrayList<>();
    private final int maxSide;
    private final Predicate<String> glyphsFor;
    private final boolean keepDeclaredDpi;

    private Pipeline(String spec, List<Steps.Info> steps, int maxSide, boolean keepDeclaredDpi) {
        this.spec = spec;
        this.keepDeclaredDpi = keepDeclaredDpi;
        this.maxSide = maxSide;
        this.names = steps.stream().map(Steps.Info::name).toList();
        for (Steps.Info i : steps) {
            Step s = i.factory().apply(maxSide);
            if (s instanceof ImageStep is) {
                imageSteps.add(is);
            } else {
                readingSteps.add((ReadingStep) s);
            }
        }
        Predicate<String> any = w -> false;
        for (ReadingStep s : readingSteps) {
            any = any.or(s.wantsGlyphs());
        }
        this.glyphsFor = any;
    }

    /**
     * @param spec    {@code auto}, {@code none}, or step names separated by commas (see {@link Steps#parse})
     * @param maxSide cap on the longest side of the image read (0: none); honoured even with {@code none}
     * @throws OcrException of kind BAD_ARGUMENT for an unknown step
     */
    public static Pipeline parse(String spec, int maxSide) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        return new Pipeline(s, Steps.parse(s), maxSide, false);
    }

    /**
     * As {@link #parse(String, int)}, for an engine given a resolution ({@code --dpi}): the
     * resolution it is given is what Tesseract reads at, not the {@code resolution} step's estimate.
     */
    public static Pipeline parse(String spec, int maxSide, boolean keepDeclaredDpi) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        return new Pipeline(s, Steps.parse(s), maxSide, keepDeclaredDpi);
    }

    /** The specification this was made from. */
    public String spec() {
        return spec;
    }

    /** The names of the steps it runs, in order. */
    public List<String> stepNames() {
        return names;
    }

    /**
     * An image ready for the engine.
     *
     * @param image   what the engine reads
     * @param toInput maps its coordinates back to the image given to {@link #prepare}
     * @param steps   what each image step measured and did
     * @param estimatedDpi the resolution an image step estimated for it ({@link ImageStep.Outcome#estimatedDpi}), 0 for none
     */
    public record Prepared(GrayImage image, Affine toInput, List<StepReport> steps, int estimatedDpi) {
        public Prepared {
            steps = List.copyOf(steps);
        }

        /**
         * The resolution to read the prepared image at: the {@code resolution} step's estimate
         * when it made one and {@code keepDeclared} is false, else the declared {@code dpi}
         * scaled as the image was (0: unknown).
         */
        public int dpiFor(int dpi, boolean keepDeclared) {
            return estimatedDpi > 0 && !keepDeclared ? estimatedDpi : dpiFor(dpi);
        }

        /** The resolution of the prepared image when the input's is {@code dpi} (0: unknown). */
        public int dpiFor(int dpi) {
            double scale = Math.sqrt(Math.abs(toInput.a() * toInput.e() - toInput.b() * toInput.d()));
            return dpi > 0 && scale > 0 ? (int) Math.round(dpi / scale) : 0;
        }
    }

    /** Runs the image steps (and the {@code --max-size} cap). */
    public Prepared prepare(GrayImage input) {
        return prepare(input, s -> true);
    }

    /** Runs the image steps {@code use} accepts (and the {@code --max-size} cap). */
    Prepared prepare(GrayImage input, Predicate<ImageStep> use) {
        GrayImage img = input;
        Affine toInput = Affine.IDENTITY;
        List<StepReport> reports = new ArrayList<>();
        boolean rescaled = false;
        int estimatedDpi = 0;
        for (ImageStep step : imageSteps) {
            if (!use.test(step)) {
                continue;
            }
            long t0 = System.nanoTime();
            ImageStep.Outcome o = step.apply(img);
            long micros = (System.nanoTime() - t0) / 1000;
            reports.add(new StepReport(step.name(), o.applied(), o.detail(), micros));
            log.debug("step {}: {} ({} ms)", step.name(), o.detail(), micros / 1000);
            if (o.applied()) {
                img = o.image();
                toInput = toInput.after(o.toInput());
            }
            rescaled |= step.handlesMaxSize();
            if (o.applied() && o.estimatedDpi() > 0) {
                estimatedDpi = o.estimatedDpi();
            }
        }
        if (!rescaled && maxSide > 0 && Math.max(img.width(), img.height()) > maxSide) {
            long t0 = System.nanoTime();
            double scale = (double) maxSide / Math.max(img.width(), img.height());
            GrayImage out = Resize.scale(img, scale);
            toInput = toInput.after(Affine.scale((double) img.width() / out.width(), (double) img.height() / out.height()));
            img = out;
            estimatedDpi = (int) Math.round(estimatedDpi * scale);
            reports.add(new StepReport("max-size", true, String.format(Locale.ROOT, "scaled x%.2f", scale), (System.nanoTime() - t0) / 1000));
        }
        return new Prepared(img, toInput, reports, estimatedDpi);
    }

    /**
     * The image steps and a recognition with the engine's own settings: what the page layout reads
     * on the prepared image.
     *
     * @param reading the name of the reading ({@link dev.ocrcli.result.Origin#LAYOUT} for the page's
     *                first one, else the asking step's)
     */
    public Reading readImage(GrayImage input, int dpi, Readings readings, String reading) {
        return readImage(input, dpi, readings, reading, s -> true);
    }

    /** As {@link #readImage(GrayImage, int, Readings, String)}, with only the image steps {@code use} accepts. */
    Reading readImage(GrayImage input, int dpi, Readings readings, String reading, Predicate<ImageStep> use) {
        Prepared p = prepare(input, use);
        int effective = p.dpiFor(dpi, keepDeclaredDpi);
        Readings.Request request = new Readings.Request(0, effective, null, reading, glyphsFor);
        return new Reading(p.image(), p.toInput(), effective, readings.read(p.image(), request), p.steps());
    }

    /**
     * What the pipeline made of one image.
     *
     * @param reading the final reading (boxes in the coordinates of {@code reading.image()})
     * @param reports every step's report, image steps first, in the order they ran
     */
    public record Result(Reading reading, List<StepReport> reports) {
        public Result {
            reports = List.copyOf(reports);
        }
    }

    /**
     * Reads an image through the whole pipeline.
     *
     * @param input     the image (a page, a rectangle of one, a tile)
     * @param dpi       its resolution, 0 when unknown
     * @param languages the engine's languages
     * @param psm       the engine's page segmentation mode
     * @param readings  recognition on demand
     */
    public Result run(GrayImage input, int dpi, List<String> languages, int psm, Readings engine) {
        Readings readings = new PageReadings(engine);
        PageContext page = new PageContext(input, dpi, languages, psm, readings, this, glyphsFor);
        Reading r = readImage(input, dpi, readings, dev.ocrcli.result.Origin.LAYOUT);
        for (ImageStep step : imageSteps) {
            r = step.confirm(r, page);
        }
        List<StepReport> readingReports = new ArrayList<>(readingSteps.size());
        for (ReadingStep step : readingSteps) {
            long t0 = System.nanoTime();
            ReadingStep.Outcome o = step.apply(r, page);
            long micros = (System.nanoTime() - t0) / 1000;
            readingReports.add(new StepReport(step.name(), o.applied(), o.detail(), micros));
            log.debug("step {}: {} ({} ms)", step.name(), o.detail(), micros / 1000);
            r = o.reading();
        }
        List<StepReport> all = new ArrayList<>(r.imageSteps());
        all.addAll(readingReports);
        return new Result(r, all);
    }
}
