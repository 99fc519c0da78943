package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.engine.Region;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.output.ResultWriter;
import dev.ocrcli.result.OcrResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;

/**
 * The main command: recognise images and print the text (or JSON) on stdout.
 * Images are decoded on a background thread, one or two ahead of recognition.
 */
@Command(name = "ocr-cli", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Recognise text in images with Tesseract and print it on stdout.", ""},
        subcommands = {LangsCommand.class, ServeCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error",
            "  2  usage error (bad option or value)",
            "  3  input not found (missing file, directory, no permission)",
            "  4  input unreadable (empty, truncated, corrupt, not an image, unsupported format)",
            "  5  image too large",
            "  6  language pack missing",
            "  7  native Tesseract unavailable on this platform",
            "  8  language install failed",
            "  9  recognition failed",
            "With several inputs the good ones are still printed; the exit code is that of the first failure."})
public final class OcrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineMixin engineOptions;

    @Mixin
    VerbosityMixin verbosity;

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "Image files (PNG, JPEG, TIFF, BMP, GIF, WebP); - reads one image from stdin.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--confidence", description = "Print the average word confidence on stderr.")
    boolean confidence;

    @Option(names = "--rect", paramLabel = "X,Y,W,H",
            description = "Recognise only this rectangle of each page; repeatable, each read on its own, in order.")
    List<String> rects = new ArrayList<>();

    @Option(names = "--list-langs", description = "List the installed languages and where each comes from, then exit.")
    boolean listLangs;

    @Override
    public Integer call() {
        if (listLangs) {
            LangsCommand.printLanguages(engineOptions.tessdata, Console.out());
            return ExitCodes.OK;
        }
        if (inputs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no input image given (use - to read from stdin)");
        }
        if (inputs.stream().filter("-"::equals).count() > 1) {
            throw new ParameterException(spec.commandLine(), "standard input (-) can be read only once");
        }
        OutputFormat fmt;
        try {
            fmt = OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Region> regions = new ArrayList<>();
        for (String r : rects) {
            regions.add(Region.parse(r));
        }
        OcrEngine.Builder builder = engineOptions.builder(verbosity.level());
        ImageLoader loader = new ImageLoader(builder.options().maxPixels());
        ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "decoder");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<CompletableFuture<OcrInput>> pending = new ArrayDeque<>();
            int next = 0;
            // Start decoding while the models load.
            for (; next < Math.min(2, inputs.size()); next++) {
                pending.add(load(decoder, loader, inputs.get(next)));
            }
            try (OcrEngine engine = builder.build()) {
                return run(engine, fmt.writer(), regions, pending, decoder, loader, next);
            }
        } finally {
            decoder.shutdownNow();
        }
    }

    private int run(OcrEngine engine, ResultWriter writer, List<Region> regions, Deque<CompletableFuture<OcrInput>> pending,
                    ExecutorService decoder, ImageLoader loader, int next) {
        PrintWriter out = Console.out();
        int exit = ExitCodes.OK;
        boolean first = true;
        for (String input : inputs) {
            CompletableFuture<OcrInput> f = pending.poll();
            if (next < inputs.size()) {
                pending.add(load(decoder, loader, inputs.get(next++)));
            }
            try {
                OcrResult result = engine.recognize(join(f), regions);
                if (!first) {
                    out.write(writer.separator());
                }
                first = false;
                writer.write(result, out);
                out.flush();
                if (confidence) {
                    String prefix = inputs.size() > 1 ? input + ": " : "";
                    Console.err().println(prefix + String.format(Locale.ROOT, "Average confidence: %.1f%%", result.meanConfidence()));
                }
            } catch (OcrException e) {
                Main.reportError(e, verbosity.level());
                if (exit == ExitCodes.OK) {
                    exit = ExitCodes.of(e.kind());
                }
            } catch (RuntimeException e) {
                Main.reportError(e, verbosity.level());
                if (exit == ExitCodes.OK) {
                    exit = ExitCodes.INTERNAL;
                }
            } catch (IOException e) {
                // stdout closed (e.g. piped into head): nothing more can be written
                return exit;
            }
        }
        out.flush();
        return exit;
    }

    private static CompletableFuture<OcrInput> load(ExecutorService decoder, ImageLoader loader, String input) {
        return CompletableFuture.supplyAsync(() -> {
            if ("-".equals(input)) {
                return loader.read(System.in, "-");
            }
            try {
                return loader.load(Path.of(input));
            } catch (java.nio.file.InvalidPathException e) {
                throw new OcrException(OcrException.Kind.INPUT_NOT_FOUND, input + ": invalid path");
            }
        }, decoder);
    }

    private static OcrInput join(CompletableFuture<OcrInput> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OcrException oe) {
                throw oe;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
