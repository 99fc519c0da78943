package dev.ocrcli.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocrcli.OcrException;
import dev.ocrcli.engine.EnginePool;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.eval.Cer;
import dev.ocrcli.eval.EvalItem;
import dev.ocrcli.eval.Evaluation;
import dev.ocrcli.eval.FileScore;
import dev.ocrcli.eval.Summary;
import dev.ocrcli.eval.WordAccuracy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code ocr-cli eval DIR}: recognise a folder with ground truth and print CER, WER and word accuracy. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Recognise every image of DIR that has ground truth and print per-file scores, then means.",
            "Text ground truth NAME.gt.txt gives CER and WER; hOCR ground truth NAME.truth.hocr or NAME.hocr gives "
                + "order-free word accuracy and precision. Same definitions as tools/cer.py and tools/wordacc.py "
                + "(see docs/eval.md).", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file was evaluated (files that failed to load are reported and scored as empty output)",
            "2:usage error: bad option, glob or regular expression",
            "3:DIR or --gt not found, or no ground truth in them (after --include/--exclude)",
            "4:a ground-truth file is unreadable (not UTF-8)",
            "6:language pack missing; other engine failures as for ocr-cli (see ocr-cli --help)"})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineMixin engineOptions;

    @Mixin
    VerbosityMixin verbosity;

    @Parameters(paramLabel = "DIR", description = "Folder with the images (and their ground truth unless --gt).")
    Path dir;

    @Option(names = "--gt", paramLabel = "DIR", description = "Folder with the ground truth, looked in before DIR.")
    Path truthDir;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Evaluate only names (or image file names) matching GLOB; repeatable.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Skip names (or image file names) matching GLOB, e.g. 'specials_vis*'; repeatable.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--group-by", paramLabel = "REGEX",
            description = "Group files by the first group (or the match) of REGEX in their name and print per-group means "
                    + "(default: the suffix after __, e.g. letter_en__rot4 -> rot4; '' for no groups).")
    String groupBy = Evaluation.DEFAULT_GROUP_BY;

    @Option(names = "--json", description = "Print one JSON object (files, means, groups) instead of the table.")
    boolean json;

    @Option(names = "--save-dir", paramLabel = "DIR",
            description = "Write each recognised text to DIR/NAME.txt, with a copy of its ground truth, for tools/cer.py and tools/wordacc.py.")
    Path saveDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Files recognised at once, each by its own engine (default: number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        if (jobs < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        Pattern group;
        try {
            group = groupBy == null || groupBy.isEmpty() ? null : Pattern.compile(groupBy);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "bad --group-by regular expression: " + e.getDescription());
        }
        List<EvalItem> items;
        try {
            items = Evaluation.discover(dir, truthDir, include, exclude);
        } catch (OcrException e) {
            if (e.kind() == OcrException.Kind.BAD_ARGUMENT) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            throw e;
        }
        if (items.isEmpty()) {
            throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, "no ground truth (NAME.gt.txt, NAME.truth.hocr, NAME.hocr) in "
                    + dir + (truthDir == null ? "" : " or " + truthDir)
                    + (include.isEmpty() && exclude.isEmpty() ? "" : " matching --include/--exclude"));
        }
        OcrEngine.Builder builder = engineOptions.builder(verbosity.level());
        int n = Math.min(jobs, items.size());
        PrintWriter out = Console.out();
        int width = Math.max(4, items.stream().mapToInt(i -> i.name().length()).max().orElse(4));
        boolean anyText = items.stream().anyMatch(i -> i.textTruth() != null);
        boolean anyHocr = items.stream().anyMatch(i -> i.hocrTruth() != null);
        List<FileScore> scores;
        try (EnginePool pool = new EnginePool(builder, n, 0)) {
            Evaluation eval = new Evaluation(pool, n, group, saveDir);
            if (!json) {
                header(out, width, anyText, anyHocr);
            }
            scores = eval.run(items, s -> {
                if (s.failed()) {
                    Console.error(s.item().name() + ": " + s.error() + " (scored as empty output)");
                }
                if (!json) {
                    row(out, width, s, anyText, anyHocr);
                    out.flush();
                }
            });
        }
        Summary summary = Summary.of(scores);
        if (json) {
            try {
                writeJson(out, scores, summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            means(out, summary);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void header(PrintWriter out, int width, boolean text, boolean hocr) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "FILE"));
        if (text) {
            sb.append(String.format(Locale.ROOT, "  %7s  %7s", "CER", "WER"));
        }
        if (hocr) {
            sb.append(String.format(Locale.ROOT, "  %8s  %9s", "WORD_ACC", "PRECISION"));
        }
        out.println(sb.toString().stripTrailing());
    }

    private static void row(PrintWriter out, int width, FileScore s, boolean text, boolean hocr) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", s.item().name()));
        if (text) {
            Cer.Score c = s.text();
            sb.append(c == null ? String.format(Locale.ROOT, "  %7s  %7s", "-", "-")
                    : String.format(Locale.ROOT, "  %7.4f  %7.4f", c.cer(), c.wer()));
        }
        if (hocr) {
            WordAccuracy.Score w = s.words();
            sb.append(w == null ? String.format(Locale.ROOT, "  %8s  %9s", "-", "-")
                    : String.format(Locale.ROOT, "  %8.4f  %9.4f", w.accuracy(), w.precision()));
        }
        if (s.failed()) {
            sb.append("  FAILED");
        }
        out.println(sb.toString().stripTrailing());
    }

    private static void means(PrintWriter out, Summary summary) {
        Summary.Means m = summary.overall();
        out.println();
        if (m.textFiles() > 0) {
            out.printf(Locale.ROOT, "MEAN cer=%.4f wer=%.4f n=%d%n", m.cer(), m.wer(), m.textFiles());
        }
        if (m.hocrFiles() > 0) {
            out.printf(Locale.ROOT, "MEAN accuracy=%.4f precision=%.4f n=%d%n", m.accuracy(), m.precision(), m.hocrFiles());
        }
        if (m.failed() > 0) {
            out.printf(Locale.ROOT, "FAILED %d of %d files (scored as empty output)%n", m.failed(), m.files());
        }
        for (Map.Entry<String, Summary.Means> e : summary.groups().entrySet()) {
            Summary.Means g = e.getValue();
            StringBuilder sb = new StringBuilder("GROUP " + e.getKey());
            if (g.textFiles() > 0) {
                sb.append(String.format(Locale.ROOT, " cer=%.4f wer=%.4f", g.cer(), g.wer()));
            }
            if (g.hocrFiles() > 0) {
                sb.append(String.format(Locale.ROOT, " accuracy=%.4f precision=%.4f", g.accuracy(), g.precision()));
            }
            sb.append(" n=").append(g.files());
            out.println(sb);
        }
    }

    private static void writeJson(PrintWriter out, List<FileScore> scores, Summary summary) throws IOException {
        JsonGenerator g = JsonFactory.builder().build().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("files");
        for (FileScore s : scores) {
            g.writeStartObject();
            g.writeStringField("name", s.item().name());
            g.writeStringField("image", s.item().image() == null ? null : s.item().image().toString());
            g.writeStringField("group", s.group());
            if (s.text() != null) {
                g.writeNumberField("cer", s.text().cer());
                g.writeNumberField("wer", s.text().wer());
                g.writeNumberField("charErrors", s.text().charErrors());
                g.writeNumberField("gtChars", s.text().gtChars());
                g.writeNumberField("wordErrors", s.text().wordErrors());
                g.writeNumberField("gtWords", s.text().gtWords());
            }
            if (s.words() != null) {
                g.writeNumberField("wordAccuracy", s.words().accuracy());
                g.writeNumberField("precision", s.words().precision());
                g.writeNumberField("correctWords", s.words().correct());
                g.writeNumberField("gtHocrWords", s.words().gtWords());
                g.writeNumberField("outputWords", s.words().outWords());
            }
            g.writeStringField("error", s.error());
            g.writeNumberField("millis", s.millis());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("mean");
        means(g, summary.overall());
        g.writeObjectFieldStart("groups");
        for (Map.Entry<String, Summary.Means> e : summary.groups().entrySet()) {
            g.writeFieldName(e.getKey());
            means(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
        out.println();
    }

    private static void means(JsonGenerator g, Summary.Means m) throws IOException {
        g.writeStartObject();
        g.writeNumberField("files", m.files());
        g.writeNumberField("failed", m.failed());
        g.writeNumberField("textFiles", m.textFiles());
        number(g, "cer", m.cer());
        number(g, "wer", m.wer());
        g.writeNumberField("hocrFiles", m.hocrFiles());
        number(g, "wordAccuracy", m.accuracy());
        number(g, "precision", m.precision());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
