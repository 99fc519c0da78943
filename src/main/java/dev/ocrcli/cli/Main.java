package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import picocli.CommandLine;

/**
 * Entry point of the {@code ocr-cli} command. Sets up UTF-8 output and logging on stderr
 * (quiet unless {@code -v}), runs the picocli command, and turns every failure into one line
 * {@code ocr-cli: error: ...} and a documented exit code (stack traces only with {@code -v}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        int verbosity = verbosity(args);
        configureLogging(verbosity);
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    /** The configured picocli command tree. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new OcrCommand());
        cl.setOut(Console.out());
        cl.setErr(Console.err());
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setParameterExceptionHandler((ex, args) -> {
            Console.error(ex.getMessage());
            Console.err().println("Try 'ocr-cli --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            reportError(ex, verbosity(parseResult.originalArgs().toArray(new String[0])));
            return new ExitCodes().getExitCode(ex);
        });
        return cl;
    }

    /** One line on stderr; the stack trace too when verbose or when the failure is unexpected and verbose. */
    static void reportError(Throwable e, int verbosity) {
        if (e instanceof OcrException) {
            Console.error(e.getMessage());
        } else {
            Console.error("internal error: " + e + (verbosity == 0 ? " (run with -v for details)" : ""));
        }
        if (verbosity > 0) {
            e.printStackTrace(Console.err());
            Console.err().flush();
        }
    }

    /** Counts {@code -v}, {@code -vv}, {@code --verbose} before option parsing, to set up logging first. */
    static int verbosity(String[] args) {
        int v = 0;
        for (String a : args) {
            if ("--".equals(a)) {
                break;
            }
            if ("--verbose".equals(a)) {
                v++;
            } else if (a.matches("-v+")) {
                v += a.length() - 1;
            }
        }
        return Math.min(2, v);
    }

    private static void configureLogging(int verbosity) {
        String level = switch (verbosity) {
            case 0 -> "warn";
            case 1 -> "info";
            default -> "debug";
        };
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", verbosity > 1 ? "true" : "false");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", verbosity > 1 ? "true" : "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        // PDFBox, FontBox, JJ2000: silent unless -vv (our loaders report their problems in one line each)
        dev.ocrcli.image.ThirdPartyLogging.configure(verbosity);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
