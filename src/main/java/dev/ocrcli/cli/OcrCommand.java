package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
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
import dev.ocrcli.result.OcrResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The main command: recognise images and PDFs and print the text (or another format) on stdout,
 * or write files under an output folder. A thin layer over {@link BatchRunner}: one input or
 * thousands, recognised by up to {@code --jobs} engines, results in input order.
 */
@Command(name = "ocr-cli", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Recognise text in images and PDFs with Tesseract and print it on stdout, or write files with --output-dir.", ""},
        subcommands = {LangsCommand.class, EvalCommand.class, ServeCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error",
            "  2  usage error (bad option or value)",
            "  3  input not found (missing file, directory, no permission)",
            "  4  input unreadable (empty, truncated, corrupt, not an image, unsupported format)",
            "  5  input too large (over 32767 px a side, --max-pixels, the heap, --max-pages)",
            "  6  language pack missing or damaged",
            "  7  native Tesseract unavailable on this platform",
            "  8  language install failed",
            "  9  recognition failed or timed out",
            " 10  output could not be written",
            " 11  the server could not start (address in use or not permitted)",
            "130  interrupted (Ctrl-C)",
            "With several inputs the good ones are still printed; the exit code is that of the first failure (in input order)."})
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
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", split = ",", defaultValue = "text",
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
    List<String> filesFrom = new ArrayList<>();

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
        List<String> specs = new ArrayList<>(inputs);
        boolean stdinList = false;
        for (String f : filesFrom) {
            try {
                if ("-".equals(f)) {
                    stdinList = true;
                    specs.addAll(InputCollector.readList(System.in));
                } else {
                    try (InputStream in = Files.newInputStream(Path.of(f))) {
                        specs.addAll(InputCollector.readList(in));
                    }
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, f + ": cannot read the list of inputs: " + e.getMessage());
            }
        }
        if (specs.isEmpty()) {
            if (!filesFrom.isEmpty()) {
                Console.error("no inputs in " + String.join(", ", filesFrom));
                return ExitCodes.OK;
            }
            throw new ParameterException(spec.commandLine(), "no input image given (use - to read from stdin)");
        }
        long stdinCount = specs.stream().filter("-"::equals).count();
        if (stdinCount > 1 || (stdinList && stdinCount > 0)) {
            throw new ParameterException(spec.commandLine(), "standard input (-) can be read only once");
        }
        if (skipText && forceOcr) {
            throw new ParameterException(spec.commandLine(), "--skip-text and --force-ocr exclude each other");
        }
        if (jobs != null && (jobs < 1 || jobs > 256)) {
            throw new ParameterException(spec.commandLine(), "--jobs must be between 1 and 256, not " + jobs);
        }
        if (pdfDpi < 36 || pdfDpi > 1200) {
            throw new ParameterException(spec.commandLine(), "--pdf-dpi must be between 36 and 1200, not " + pdfDpi);
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
        List<BatchItem> items = new InputCollector(recursive, includes, excludes).collect(specs);
        if (items.isEmpty()) {
            Console.error("no images or PDFs found in " + String.join(", ", specs));
            return ExitCodes.INPUT_NOT_FOUND;
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
        OcrEngine.Builder builder = engineOptions.builder(verbosity.level());
        Console.out().flush();
        boolean batch = items.size() > 1;
        Progress bar = new Progress(Console.err(), batch && progress && System.console() != null, items.size());
        int level = verbosity.level();
        BatchListener listener = new BatchListener() {
            @Override
            public void succeeded(BatchItem item, OcrResult result) {
                if (confidence) {
                    bar.clear();
                    String prefix = batch ? item.label() + ": " : "";
                    Console.err().println(prefix + String.format(Locale.ROOT, "Average confidence: %.1f%%", result.meanConfidence()));
                }
            }

            @Override
            public boolean wantsPreprocessed() {
                return savePreprocessed != null;
            }

            @Override
            public void preprocessed(BatchItem item, int pageNumber, dev.ocrcli.image.GrayImage image) {
                savePreprocessed(item, pageNumber, image, batch);
            }

            @Override
            public void failed(BatchItem item, Throwable error) {
                bar.clear();
                Main.reportError(error, level);
            }
        };
        BatchSummary summary = new BatchRunner(builder, options).run(items, Console.stdout(), listener, bar);
        if (batch) {
            Console.err().println("ocr-cli: " + Progress.summary(summary));
        }
        Throwable first = summary.firstFailure();
        if (first == null) {
            return ExitCodes.OK;
        }
        return first instanceof OcrException oe ? ExitCodes.of(oe.kind()) : ExitCodes.INTERNAL;
    }

    private final java.util.Set<String> savedNames = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Writes one preprocessed image atomically: to the given file for the first image of a single
     * input, otherwise with {@code -INPUT-PAGE} (several inputs) or {@code -N} added before the extension.
     */
    private void savePreprocessed(BatchItem item, int pageNumber, dev.ocrcli.image.GrayImage img, boolean several) {
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
            Path dir = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".ocr-cli-", ".png");
            try {
                javax.imageio.ImageIO.write(img.toBufferedImage(), "png", tmp.toFile());
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OcrException(OcrException.Kind.OUTPUT_FAILED, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
