package dev.ocrcli.pipeline;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Resize;
import dev.ocrcli.result.StepReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * The image pipeline: a fixed sequence of named steps, each of which can be switched off and
 * each of which measures the page and acts only when it needs to. {@code auto} runs them all;
 * {@code none} runs none; a list such as {@code deskew,rescale} runs just those (in pipeline
 * order). Every step's decision and time are reported, and the map from the processed image
 * back to the input is kept so boxes come out in original pixels.
 *
 * <p>Steps, in order: {@code invert} (light on dark pages), {@code normalize} (uneven or grey
 * background, low contrast), {@code denoise} (speckle), {@code deskew} (up to 20 degrees),
 * {@code rescale} (text height for the LSTM, and the {@code --max-size} cap), {@code pad}
 * (margin). The rest need recognition and are carried out by the engine: {@code spaces} (a word
 * whose text turns from digits to letters is split where the page shows a space between them),
 * {@code orient}
 * (90/180/270 degree pages: when a page reads poorly it asks Tesseract's orientation detection and
 * re-reads the page turned, keeping the better reading), {@code sparse} (a page whose layout
 * left much text-like ink unread is read again as sparse text), {@code scripts} (on Latin + Cyrillic
 * pages, words read in the wrong script are read again with the line's script's models),
 * {@code letters} (lines where the stock models stumbled are read again with ocr-cli's own
 * model for Ŀ, Ҕ, Ǣ and their neighbours, kept when it finds such a letter) and, last,
 * {@code bars} (words Tesseract made of table borders and column rules, such as {@code |}, are
 * dropped).
 */
public final class Preprocessor {
    private static final Logger log = LoggerFactory.getLogger(Preprocessor.class);

    /** All step names in pipeline order. */
    public static final List<String> STEPS = List.of("invert", "normalize", "denoise", "deskew", "rules", "rescale", "pad", "spaces", "orient", "sparse", "scripts", "letters", "bars");

    private final List<Step> steps;
    /** The chosen steps' names: the engine asks for the ones it carries out. */
    private final Set<String> names;
    private final int maxSide;
    private final String spec;

    private Preprocessor(String spec, List<Step> steps, List<String> names, int maxSide) {
        this.spec = spec;
        this.steps = List.copyOf(steps);
        this.names = Set.copyOf(names);
        this.maxSide = maxSide;
    }

    /**
     * @param spec    {@code auto}, {@code none}, or step names separated by commas
     * @param maxSide cap on the longest side (0: none); honoured even with {@code none}
     * @throws OcrException of kind BAD_ARGUMENT for an unknown step
     */
    public static Preprocessor parse(String spec, int maxSide) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        if (s.equals("auto")) {
            names.addAll(STEPS);
        } else if (!s.equals("none") && !s.isEmpty()) {
            for (String n : s.split("\\s*,\\s*")) {
                if (!STEPS.contains(n)) {
                    throw new OcrException(Kind.BAD_ARGUMENT, "unknown preprocessing step '" + n + "' (use auto, none, or some of "
                            + String.join(",", STEPS) + ")");
                }
                names.add(n);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (String n : STEPS) {
            if (!names.contains(n)) {
                continue;
            }
            switch (n) {
                case "invert" -> steps.add(new InvertStep());
                case "normalize" -> steps.add(new NormalizeStep());
                case "denoise" -> steps.add(new DenoiseStep());
                case "deskew" -> steps.add(new DeskewStep());
                case "rules" -> steps.add(new RulesStep());
                case "rescale" -> steps.add(new RescaleStep(maxSide));
                case "pad" -> steps.add(new PadStep());
                default -> { }
            }
        }
        return new Preprocessor(s, steps, names, maxSide);
    }

    /** The specification this was made from. */
    public String spec() {
        return spec;
    }

    /** Whether the engine should check page orientation. */
    public boolean orient() {
        return names.contains("orient");
    }

    /**
     * Whether the engine should read a page again as sparse text when Tesseract's page layout left
     * much of its text-like ink unread (see {@link Coverage}).
     */
    public boolean sparse() {
        return names.contains("sparse");
    }

    /**
     * Whether the engine should split words glued across a space between a number and a letter
     * ({@code 13 A} read as {@code 13A}) where the page shows a space-wide gap.
     */
    public boolean spaces() {
        return names.contains("spaces");
    }

    /** Whether the engine should drop the {@code |} words it read from table borders and column rules. */
    public boolean bars() {
        return names.contains("bars");
    }

    /** Whether the engine should re-read stumbling lines with the rare-letter model (Ŀ, Ҕ, Ǣ ...). */
    public boolean letters() {
        return names.contains("letters");
    }

    /** Whether the engine should re-read words recognised in the wrong script on Latin + Cyrillic pages. */
    public boolean scripts() {
        return names.contains("scripts");
    }

    /**
     * Runs the steps.
     *
     * @return the image to recognise and how to map its coordinates back
     */
    public Prepared run(GrayImage input) {
        GrayImage img = input;
        Affine toInput = Affine.IDENTITY;
        List<StepReport> reports = new ArrayList<>();
        boolean rescaled = false;
        for (Step step : steps) {
            long t0 = System.nanoTime();
            Step.Outcome o = step.apply(img);
            long micros = (System.nanoTime() - t0) / 1000;
            reports.add(new StepReport(step.name(), o.applied(), o.detail(), micros));
            log.debug("preprocess {}: {} ({} ms)", step.name(), o.detail(), micros / 1000);
            if (o.applied()) {
                img = o.image();
                toInput = toInput.after(o.toInput());
            }
            rescaled |= step instanceof RescaleStep;
        }
        if (!rescaled && maxSide > 0 && Math.max(img.width(), img.height()) > maxSide) {
            long t0 = System.nanoTime();
            double scale = (double) maxSide / Math.max(img.width(), img.height());
            GrayImage out = Resize.scale(img, scale);
            toInput = toInput.after(Affine.scale((double) img.width() / out.width(), (double) img.height() / out.height()));
            img = out;
            reports.add(new StepReport("max-size", true, String.format(Locale.ROOT, "scaled x%.2f", scale), (System.nanoTime() - t0) / 1000));
        }
        return new Prepared(img, toInput, reports);
    }

    /**
     * A page ready for the engine.
     *
     * @param image      what the engine reads
     * @param toInput    maps its coordinates back to the image given to {@link #run}
     * @param steps      what each step measured and did
     */
    public record Prepared(GrayImage image, Affine toInput, List<StepReport> steps) {
        public Prepared {
            steps = List.copyOf(steps);
        }
    }
}
