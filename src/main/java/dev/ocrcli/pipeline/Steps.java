package dev.ocrcli.pipeline;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The one list of the pipeline's steps, in the order they run: the command line's help, the
 * server's OpenAPI document, {@code --preprocess} parsing and the pipeline itself are all made
 * from it. To add a step, write its class (an {@link ImageStep} or a {@link ReadingStep}) and
 * add one line here.
 */
public final class Steps {
    /**
     * One step.
     *
     * @param name    its name on the command line and in reports
     * @param image   true for an image step (before recognition), false for a reading step (after)
     * @param summary what it does, in a few words (help texts, the OpenAPI document)
     * @param factory makes the step; the argument is the {@code --max-size} cap (0: none)
     * @param inAuto  whether {@code auto} (the default) runs it; a step that is not must be named
     */
    public record Info(String name, boolean image, String summary, IntFunction<Step> factory, boolean inAuto) {
        /** A step that {@code auto} runs. */
        public Info(String name, boolean image, String summary, IntFunction<Step> factory) {
            this(name, image, summary, factory, true);
        }
    }

    /** Every step, in pipeline order. */
    public static final List<Info> ALL = List.of(
            new Info("invert", true, "light text on a dark page turned dark on light", max -> new InvertStep()),
            new Info("normalize", true, "grey or uneven paper, faint ink: paper levelled, contrast stretched", max -> new NormalizeStep()),
            new Info("denoise", true, "speckled pages: 3x3 median filter", max -> new DenoiseStep()),
            new Info("deskew", true, "pages skewed up to 20 degrees straightened", max -> new DeskewStep()),
            new Info("rules", true, "table rules painted over so cells read as words", max -> new RulesStep()),
            new Info("rescale", true, "text brought to the height the models read best; applies --max-size", RescaleStep::new),
            new Info("resolution", true, "(not in auto) resolution estimated from the text's size and handed to Tesseract",
                    max -> new ResolutionStep(), false),
            new Info("pad", true, "a margin added where ink touches the edge", max -> new PadStep()),
            new Info("orient", false, "a weakly read page checked for a 90/180/270 degree turn and read turned", max -> new OrientStep()),
            new Info("sparse", false, "a page whose layout left text-like ink unread read again as sparse text", max -> new SparseStep()),
            new Info("smooth", false, "a doubtfully read page read again smoothed and enlarged (print broken into specks); kept if it reads better",
                    max -> new SmoothStep()),
            new Info("vote", false, "a doubtfully read page read again three ways; each word takes the text most readings agree on",
                    max -> new VoteStep()),
            new Info("gaps", false, "words the layout left out that two other readings agree on added", max -> new GapsStep()),
            new Info("spaces", false, "numbers glued to letters across a visible space split (13A -> 13 A)", max -> new SpacesStep()),
            new Info("decimals", false, "amounts read with the other decimal mark than most of the page's written with the page's (75,00 -> 75.00)",
                    max -> new DecimalsStep()),
            new Info("gutters", false, "lines the layout cut in two at a false column gutter (monospaced type) joined",
                    max -> new GuttersStep()),
            new Info("scripts", false, "Latin+Cyrillic: look-alike words, lone letters and codes put in their script by both dictionaries, the line and the other model", max -> new ScriptsStep()),
            new Info("letters", false, "Latin+Cyrillic: doubtful lines re-read for letters the stock models lack (Ŀ Ҕ Ǣ)",
                    max -> new LettersStep()),
            new Info("bars", false, "'|' words read from table borders and column rules dropped", max -> new BarsStep()));

    /**
     * The {@code fast} profile ({@code --fast}, {@code --preprocess fast}): steps that never ask for
     * a second reading and whose measurement costs a few percent of a recognition at most, chosen
     * by what they give back (see bench/RESULTS.md): {@code deskew} alone takes 12-degree skew from
     * unreadable to read; {@code pad} is left out, since without {@code normalize} before it it
     * pads phone photos' dark borders and reads them worse than no step at all.
     */
    public static final List<String> FAST = List.of("invert", "deskew", "rescale", "spaces", "decimals", "bars");

    private Steps() {
    }

    /** The names of the steps {@code auto} runs, in pipeline order. */
    public static List<String> autoNames() {
        return ALL.stream().filter(Info::inAuto).map(Info::name).toList();
    }

    /** Every step's name, in pipeline order. */
    public static List<String> names() {
        return ALL.stream().map(Info::name).toList();
    }

    /**
     * The steps a {@code --preprocess} value names, in pipeline order.
     *
     * @param spec {@code auto} (every step but those not {@link Info#inAuto}), {@code fast} (the
     *             steps of {@link #FAST}), {@code none} (no step), or names separated by commas,
     *             among them perhaps {@code auto} ({@code auto,resolution})
     * @throws OcrException of kind BAD_ARGUMENT for an unknown name
     */
    public static List<Info> parse(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none") || s.isEmpty()) {
            return List.of();
        }
        if (s.equals("fast")) {
            return ALL.stream().filter(i -> FAST.contains(i.name())).toList();
        }
        List<String> wanted = new ArrayList<>();
        for (String n : s.split("\\s*,\\s*")) {
            if (n.equals("auto")) {
                ALL.stream().filter(Info::inAuto).forEach(i -> wanted.add(i.name()));
                continue;
            }
            if (!names().contains(n)) {
                throw new OcrException(Kind.BAD_ARGUMENT, "unknown preprocessing step '" + n + "' (use auto, fast, none, or some of "
                        + String.join(",", names()) + ")");
            }
            wanted.add(n);
        }
        return ALL.stream().filter(i -> wanted.contains(i.name())).toList();
    }
}
