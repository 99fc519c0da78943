package dev.ocrcli.cli;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.pipeline.Steps;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options that configure the engine, shared by every command that recognises text. */
public final class EngineMixin {
    /** Page segmentation modes that read text: Tesseract's 0 only detects orientation and reads none. */
    static final int PSM_MIN = 1;
    static final int PSM_MAX = 13;
    static final String PSM_RANGE = PSM_MIN + ".." + PSM_MAX;
    /**
     * The system property the {@code --fast} help reads the fast profile's steps from (picocli's
     * {@code ${sys:...}}, interpolated when the help is shown): set from {@link Steps#FAST} when
     * this class loads, which is before picocli can read any of its options.
     */
    static final String FAST_STEPS_PROPERTY = "ocrcli.help.fast-steps";

    static {
        System.setProperty(FAST_STEPS_PROPERTY, String.join(", ", Steps.FAST));
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-l", "--lang"}, paramLabel = "LANGS", defaultValue = "eng",
            description = "Languages, joined by + or , (default: ${DEFAULT-VALUE}), e.g. eng+rus; or auto: chosen page by page "
                    + "from the script Tesseract detects (Latin and Cyrillic: eng+rus; Greek: ell+eng; ...).")
    String languages;

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Directory searched first for language models.")
    Path tessdata;

    @Option(names = "--psm", paramLabel = "N", defaultValue = "3",
            description = "Page segmentation mode " + PSM_RANGE + ", as Tesseract's (default: ${DEFAULT-VALUE}, automatic; "
                    + "6 one block, 7 one line, 11 sparse text). Tesseract's 0 only detects orientation and reads no text.")
    int psm;

    @Option(names = "--oem", paramLabel = "N", defaultValue = "3",
            description = "OCR engine mode: 0 legacy, 1 LSTM, 2 both, 3 default; refused if the models lack it.")
    int oem;

    @Option(names = "--dpi", paramLabel = "N", defaultValue = "0",
            description = "Resolution of the input, 1..2400, overriding the file's own (default: from the file, else estimated).")
    int dpi;

    @Option(names = "-c", paramLabel = "NAME=VALUE", description = "Set any Tesseract variable; repeatable.")
    List<String> variables = new ArrayList<>();

    @Option(names = "--max-size", paramLabel = "PX", defaultValue = "0",
            description = "Shrink images whose longest side exceeds PX pixels (default: no limit).")
    int maxSize;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "0",
            description = "Refuse images with more than N pixels, checked before decoding (default: no fixed limit; "
                    + "larger images are read in tiles, up to 1.1 gigapixels).")
    long maxPixels;

    @Option(names = "--preprocess", paramLabel = "STEPS", defaultValue = "auto", completionCandidates = StepNames.class,
            description = "Image preprocessing: auto (default: every step, each acting only when the page needs it), fast (see --fast), none, "
                    + "or steps separated by commas, e.g. deskew,rescale. The steps: ${COMPLETION-CANDIDATES}.")
    String preprocess;

    @Option(names = "--fast",
            description = "Near plain-Tesseract speed: only cheap steps, no second readings "
                    + "(--preprocess fast: ${sys:" + FAST_STEPS_PROPERTY + "}).")
    boolean fast;

    /** The steps of the pipeline, in order, for the help and the shell completion: from the pipeline's own list. */
    static final class StepNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        StepNames() {
            super(Steps.names());
        }
    }

    /** The --preprocess value, with --fast its {@code fast} profile; both given is a usage error. */
    String preprocessing() {
        if (!fast) {
            return preprocess;
        }
        if (command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption("--preprocess")) {
            throw usage("--fast and --preprocess exclude each other (--fast is --preprocess fast)");
        }
        return "fast";
    }

    /**
     * A builder holding these options, checked here so that a bad value names its option and is
     * a usage error.
     */
    public OcrEngine.Builder builder(int verbosity) {
        if (psm < PSM_MIN || psm > PSM_MAX) {
            throw usage("--psm must be " + PSM_RANGE + ", not " + psm + (psm == 0 ? " (0 only detects orientation and reads no text)" : ""));
        }
        if (oem < 0 || oem > 3) {
            throw usage("--oem must be 0..3, not " + oem);
        }
        if (dpi < 0 || dpi > 2400) {
            throw usage("--dpi must be 1..2400, not " + dpi);
        }
        if (maxSize < 0) {
            throw usage("--max-size must not be negative, not " + maxSize);
        }
        if (maxPixels < 0) {
            throw usage("--max-pixels must not be negative, not " + maxPixels);
        }
        OcrEngine.Builder b = OcrEngine.builder()
                .languages(languages)
                .tessdata(tessdata)
                .pageSegMode(psm)
                .engineMode(oem)
                .dpi(dpi)
                .maxImageSize(maxSize)
                .maxPixels(maxPixels)
                .preprocess(preprocessing())
                .tesseractMessages(verbosity > 0);
        for (String v : variables) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw usage("-c needs NAME=VALUE, not '" + v + "'");
            }
            b.variable(v.substring(0, eq), v.substring(eq + 1));
        }
        return b;
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
