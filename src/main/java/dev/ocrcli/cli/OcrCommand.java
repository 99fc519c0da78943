package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import dev.ocrcli.batch.AtomicFiles;
import dev.ocrcli.batch.BatchItem;
import dev.ocrcli.batch.BatchListener;
import dev.ocrcli.batch.BatchOptions;
import dev.ocrcli.batch.BatchRunner;
import dev.ocrcli.batch.BatchSummary;
import dev.ocrcli.batch.InputCollector;
import dev.ocrcli.batch.Progress;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.engine.Region;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.OcrResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The main command: recognise images and PDFs and print the text (or another format) on stdout,
 * or write files under an output folder. A thin layer over {@link BatchRunner}: one input or
 * thousands, recognised by up to {@code --jobs} engines, results in input order.
 */
@Command(name = "ocr-cli", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = {"ocr-cli [OPTIONS] INPUT...",
            "       ocr-cli COMMAND [ARGS]   (COMMAND: help, langs, eval, serve, completion)"},
        description = {"Recognise text in images and PDFs with Tesseract and print it on stdout, or write files with --output-dir.", ""},
        footer = {"", "With several inputs the good ones are still printed; the exit code is that of the first failure "
                + "(in input order). An input named like a command (eval, serve, ...) is read as ./eval."})
public final class OcrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineMixin engineOptions;

    @Mixin
    VerbosityMixin verbosity;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = {"Image files (PNG, JPEG, TIFF, BMP, GIF, WebP, JPEG 2000), PDF files or folders; - reads one input from stdin;",
                    "@FILE expands to the arguments in FILE (whitespace-separated; see --files-from)."})
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", split = ",", defaultValue = "text", completionCandidates = FormatNames.class,
            description = {"Output format: txt (text), json, jsonl, tsv, hocr, alto, pdf (default: ${DEFAULT-VALUE}).",
                    "With --output-dir several, comma-separated, one file each per input (jsonl goes to stdout)."})
    List<String> formats = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Write one file per input and format under DIR, mirroring the input folders, instead of stdout.")
    Path outputDir;

    @Option(names = {"-r", "--recursive"}, description = "Descend into subfolders of the folders given.")
    boolean recursive;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Take only files of folders matching GLOB (e.g. '*.tif', 'scans/**.png'); repeatable. Default: every image and PDF.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files of folders matching GLOB; repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--files-from", paramLabel = "FILE",
            description = "Read more inputs from FILE, one path per line (- for stdin); any number of lines, spaces allowed.")
    List<Path> filesFrom = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Recognise N inputs at once, one engine each (default: the number of cores).")
    Integer jobs;

    @Option(names = "--skip-existing", description = "With --output-dir, leave out inputs whose output files all exist (resume a run).")
    boolean skipExisting;

    @Option(names = "--pdf-dpi", paramLabel = "N", defaultValue = "300",
            description = "Resolution PDF pages are rendered at for recognition (default: ${DEFAULT-VALUE}).")
    int pdfDpi;

    @Option(names = "--max-pages", paramLabel = "N", defaultValue = "0",
            description = "Refuse inputs of more than N pages (exit 5), before any page is read (default: 0, no limit).")
    int maxPages;

    @Option(names = "--skip-text", description = "PDF pages that already carry text keep it and are not recognised.")
    boolean skipText;

    @Option(names = "--force-ocr", description = "Recognise every PDF page, text layer or not (the default).")
    boolean forceOcr;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on stderr when it is a terminal (default: on; --no-progress: off).")
    boolean progress;

    @Option(names = "--recycle-after", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Rebuild each engine after N pages (0: never).")
    int recycleAfter;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up on a page whose recognition takes longer than SECONDS: that input fails with exit code 9 "
                    + "(default: no limit).")
    double timeoutSeconds;

    @Option(names = "--confidence", description = "Print the average word confidence on stderr.")
    boolean confidence;

    @Option(names = "--rect", paramLabel = "X,Y,W,H",
            description = "Recognise only this rectangle of each page; repeatable, each read on its own, in order.")
    List<String> rects = new ArrayList<>();

    @Option(names = "--save-preprocessed", paramLabel = "FILE",
            description = "Write the image the engine actually read (after preprocessing) as PNG; with several pages or inputs, "
                    + "-N is added before the extension.")
    Path savePreprocessed;

    @Option(names = "--list-langs", description = "List the installed languages and where each comes from, then exit.")
    boolean listLangs;

    @Override
    public Integer call() {
        if (listLangs) {
            LangsCommand.printLanguages(engineOptions.tessdata, Console.out());
            return ExitCodes.OK;
        }
        List<String> specs = new ArrayList<>(inputs.stream().map(Path::toString).toList());
        boolean stdinList = false;
        for (Path f : filesFrom) {
            try {
                if ("-".equals(f.toString())) {
                    stdinList = true;
                    if (Tty.isTerminal(Tty.STDIN)) {
                        Console.note("reading the list of inputs from standard input, one path per line; end it with Ctrl-D");
                    }
                    specs.addAll(InputCollector.readList(System.in));
                } else {
                    try (InputStream in = Files.newInputStream(f)) {
                        specs.addAll(InputCollector.readList(in));
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, f + ": no such file (--files-from)");
            } catch (java.nio.file.AccessDeniedException e) {
                throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, f + ": permission denied (--files-from)");
            } catch (IOException e) {
                throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, f + ": cannot read the list of inputs: " + e.getMessage());
            }
        }
        if (specs.isEmpty()) {
            if (!filesFrom.isEmpty()) {
                // a pipeline that found nothing new to read is not an error: say so and succeed
                Console.warning("no inputs in " + String.join(", ", filesFrom.stream()
                                .map(f -> "-".equals(f.toString()) ? "standard input" : f.toString()).toList())
                        + ": nothing to do");
                return ExitCodes.OK;
            }
            throw new ParameterException(spec.commandLine(), "no input given (name image or PDF files or folders; - reads standard input)");
        }
        long stdinCount = specs.stream().filter("-"::equals).count();
        if (stdinCount > 1 || (stdinList && stdinCount > 0)) {
            throw new ParameterException(spec.commandLine(), "standard input (-) can be read only once");
        }
        if (skipText && forceOcr) {
            throw new ParameterException(spec.commandLine(), "--skip-text and --force-ocr exclude each other");
        }
        if (jobs != null && (jobs < 1 || jobs > 256)) {
            throw new ParameterException(spec.commandLine(), "--jobs must be 1..256, not " + jobs);
        }
        if (pdfDpi < 36 || pdfDpi > 1200) {
            throw new ParameterException(spec.commandLine(), "--pdf-dpi must be 36..1200, not " + pdfDpi);
        }
        if (!(timeoutSeconds >= 0) || timeoutSeconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 0..86400 seconds, not " + timeoutSeconds);
        }
        if (maxPages < 0) {
            throw new ParameterException(spec.commandLine(), "--max-pages must be 0 (no limit) or more, not " + maxPages);
        }
        List<OutputFormat> fmts = new ArrayList<>();
        try {
            for (String f : formats) {
                if (!f.isBlank()) {
                    OutputFormat o = OutputFormat.parse(f);
                    if (!fmts.contains(o)) {
                        fmts.add(o);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (fmts.isEmpty()) {
            fmts.add(OutputFormat.TEXT);
        }
        List<Region> regions = new ArrayList<>();
        for (String r : rects) {
            regions.add(Region.parse(r));
        }
        OcrEngine.Builder builder = engineOptions.builder(verbosity.level());
        if (timeoutSeconds > 0) {
            builder.timeoutMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
        }
        List<BatchItem> items = new InputCollector(recursive, includes, excludes).collect(specs);
        if (items.isEmpty()) {
            throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, "no images or PDFs found in " + String.join(", ", specs)
                    + (recursive ? "" : subfolderHint(specs)));
        }
        OutputFormat toStdout;
        List<OutputFormat> toFiles = new ArrayList<>();
        if (outputDir == null) {
            if (fmts.size() > 1) {
                throw new ParameterException(spec.commandLine(), "several formats need --output-dir (only one can go to stdout)");
            }
            if (skipExisting) {
                throw new ParameterException(spec.commandLine(), "--skip-existing needs --output-dir");
            }
            toStdout = fmts.get(0);
            if (toStdout == OutputFormat.PDF && items.size() > 1) {
                throw new ParameterException(spec.commandLine(), "pdf for several inputs needs --output-dir (one PDF per input)");
            }
            if (toStdout == OutputFormat.PDF && Tty.isTerminal(Tty.STDOUT)) {
                throw new ParameterException(spec.commandLine(), "will not write a binary PDF to the terminal: redirect standard output "
                        + "(ocr-cli ... -f pdf > out.pdf) or write files with -o DIR");
            }
        } else {
            toStdout = fmts.contains(OutputFormat.JSONL) ? OutputFormat.JSONL : null;
            for (OutputFormat f : fmts) {
                if (f != OutputFormat.JSONL) {
                    toFiles.add(f);
                }
            }
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        BatchOptions options = new BatchOptions(n, recycleAfter, regions, outputDir, toFiles, toStdout, skipExisting, pdfDpi,
                skipText ? BatchOptions.PdfText.SKIP : BatchOptions.PdfText.OCR_ALL, engineOptions.maxPixels, maxPages);
        if (items.stream().anyMatch(BatchItem::isStdin) && Tty.isTerminal(Tty.STDIN)) {
            Console.note("reading an image from standard input; pipe one in (ocr-cli - < scan.png) or press Ctrl-D to end");
        }
        Console.out().flush();
        boolean batch = items.size() > 1;
        Progress bar = new Progress(batch && progress ? Console.statusLine() : null, items.size());
        int level = verbosity.level();
        BatchListener listener = new BatchListener() {
            @Override
            public void succeeded(BatchItem item, OcrResult result) {
                if (confidence) {
                    String prefix = batch ? item.label() + ": " : "";
                    Console.err().println(prefix + String.format(Locale.ROOT, "Average confidence: %.1f%%", result.meanConfidence()));
                }
            }

            @Override
            public boolean wantsPreprocessed() {
                return savePreprocessed != null;
            }

            @Override
            public void preprocessed(BatchItem item, int pageNumber, GrayImage image) {
                savePreprocessed(item, pageNumber, image, batch);
            }

            @Override
            public void failed(BatchItem item, Throwable error) {
                Main.reportError(error, level);
            }
        };
        // Ctrl-C (or SIGTERM) ends the JVM after its shutdown hooks: this one says what was done
        Thread onInterrupt = new Thread(() -> interrupted(bar, batch), "ocr-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        BatchSummary summary;
        try {
            summary = new BatchRunner(builder, options).run(items, Console.stdout(), listener, bar);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        if (batch) {
            Console.note(Progress.summary(summary));
        }
        Throwable first = summary.firstFailure();
        if (first == null) {
            return ExitCodes.OK;
        }
        return first instanceof OcrException oe ? ExitCodes.of(oe.kind()) : ExitCodes.INTERNAL;
    }

    /** Runs in a shutdown hook when the batch is stopped by a signal: results so far stay, the summary says how far it got. */
    private static void interrupted(Progress bar, boolean batch) {
        bar.finish();
        AtomicFiles.abandonUnfinished();
        Console.out().flush();
        try {
            Console.stdout().flush();
        } catch (IOException e) {
            // standard output is gone; nothing to keep
        }
        Console.note(batch ? bar.interruptedSummary() : "interrupted");
    }

    /** {@code " (it has subfolders: add -r to read them)"} when a folder named holds folders only. */
    private static String subfolderHint(List<String> specs) {
        for (String s : specs) {
            try {
                Path p = Path.of(s);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> list = Files.list(p)) {
                        if (list.anyMatch(Files::isDirectory)) {
                            return " (" + s + " has subfolders: add -r to read them)";
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no hint then
            }
        }
        return "";
    }

    /** What the shell completion offers after {@code -f}. */
    static final class FormatNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        FormatNames() {
            super(java.util.Arrays.stream(OutputFormat.values()).map(OutputFormat::label).toList());
        }
    }

    private final Set<String> savedNames = ConcurrentHashMap.newKeySet();

    /**
     * Writes one preprocessed image atomically: to the given file for the first image of a single
     * input, otherwise with {@code -INPUT-PAGE} (several inputs) or {@code -N} added before the extension.
     */
    private void savePreprocessed(BatchItem item, int pageNumber, GrayImage img, boolean several) {
        String name = savePreprocessed.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".png";
        String candidate = several ? base + "-" + (item.index() + 1) + "-" + pageNumber + ext : name;
        int k = 1;
        while (!savedNames.add(candidate)) {
            candidate = base + (several ? "-" + (item.index() + 1) + "-" + pageNumber : "") + "-" + (++k) + ext;
        }
        Path target = savePreprocessed.resolveSibling(candidate);
        try {
            AtomicFiles.write(target, out -> {
                if (!ImageIO.write(img.toBufferedImage(), "png", out)) {
                    throw new IOException("no PNG writer");
                }
            });
        } catch (IOException e) {
            throw new OcrException(OcrException.Kind.OUTPUT_FAILED, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
