package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import dev.ocrcli.engine.NativeLibraries;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of the {@code ocr-cli} command. Sets up UTF-8 output and logging on stderr in
 * ocr-cli's voice (quiet unless {@code -v}), runs the picocli command, and turns every failure
 * into one line {@code ocr-cli: error: ...} and a documented exit code (stack traces only with
 * {@code -vv}).
 */
public final class Main {
    private Main() {}

    /** Commands shown in the main help's "Examples" section, with what each does. */
    private static final String[][] EXAMPLES = {
        {"ocr-cli scan.png", "the text of one image on stdout"},
        {"ocr-cli letter.jpg -l eng+rus", "Latin and Cyrillic on one page"},
        {"cat photo.jpg | ocr-cli -", "an image from standard input"},
        {"ocr-cli scans/ -r -o out/ -f txt,pdf", "a folder tree: a text file and a searchable PDF per scan"},
        {"ocr-cli report.pdf -f pdf > ocr.pdf", "a scanned PDF made searchable"},
        {"ocr-cli receipt.png -f json | jq .text", "lines, words, boxes and confidences as JSON"},
        {"ocr-cli langs install deu", "another language, from tessdata_fast"},
        {"ocr-cli help eval", "the help of one command"},
    };

    public static void main(String[] args) {
        if (Handoff.run(System.getenv(Handoff.ENV), args, System.out)) {
            // answered by the running server OCR_CLI_SERVER names: nothing else to set up
            System.exit(ExitCodes.OK);
        }
        if (args.length == 1 && ("-V".equals(args[0]) || "--version".equals(args[0]))) {
            // what --version prints needs no command tree: skip building picocli's (~0.2 CPU s)
            String[] version = null;
            try {
                version = new VersionProvider().getVersion();
            } catch (java.io.IOException e) {
                // left to the command tree below, which reports it as every other failure
            }
            if (version != null) {
                Console.install();
                for (String line : version) {
                    Console.out().println(line);
                }
                Console.out().flush();
                System.exit(ExitCodes.OK);
            }
        }
        CliLogging.configure(verbosity(args));
        if (!mayNeedSubcommands(args) && args.length > 0) {
            // most likely a recognition: the natives load while picocli parses the arguments
            NativeLibraries.preload();
        }
        Console.install();
        System.exit(commandLine(args).execute(args));
    }

    /**
     * Runs the command line and returns the exit code (for tests and embedding): as {@link #main}
     * but {@link System#err} is left as it is.
     */
    public static int run(String... args) {
        CliLogging.configure(verbosity(args));
        return commandLine(args).execute(args);
    }

    /** The subcommands, in the order the help lists them. */
    private static final String[] SUBCOMMANDS = {"help", "langs", "eval", "serve", "completion"};

    /** The whole configured picocli command tree. */
    static CommandLine commandLine() {
        return build(true);
    }

    /**
     * The configured command tree for these arguments. Building a subcommand's model by reflection
     * costs start-up time (picocli's classes are too old for the class-data-sharing archive), so
     * the subcommands are only added when an argument could name one or ask for a help that lists
     * them: a word equal to a subcommand's name, a help or version option, an {@code @FILE}, or an
     * unknown option (its error message may suggest a subcommand). Plain calls such as
     * {@code ocr-cli scan.png -l eng+rus} parse the same without them: the main command's
     * positional inputs take every other word.
     */
    static CommandLine commandLine(String... args) {
        return build(mayNeedSubcommands(args));
    }

    private static CommandLine build(boolean withSubcommands) {
        CommandLine cl = new CommandLine(new OcrCommand());
        if (withSubcommands) {
            cl.addSubcommand(new HelpCommand());
            cl.addSubcommand(new LangsCommand());
            cl.addSubcommand(new EvalCommand());
            cl.addSubcommand(new ServeCommand());
            cl.addSubcommand(new CompletionCommand());
        }
        cl.setOut(Console.out());
        cl.setErr(Console.err());
        cl.setHelpFactory(HelpFormat.FACTORY);
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.descriptions());
        List<String> keys = new ArrayList<>(usage.sectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), "examples");
        usage.sectionKeys(keys);
        usage.sectionMap().put("examples", help -> String.format("%nExamples:%n") + HelpFormat.examples(help, EXAMPLES));
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setParameterExceptionHandler((ex, given) -> {
            if (cl.getSubcommands().isEmpty() && ex instanceof CommandLine.UnmatchedArgumentException) {
                // the message and its suggestions as the whole tree gives them
                return commandLine().execute(given);
            }
            Console.error(sentence(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, Console.err());
            Console.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            Console.err().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            reportError(ex, verbosity(parseResult.originalArgs().toArray(new String[0])));
            return new ExitCodes().getExitCode(ex);
        });
        return cl;
    }

    /**
     * One line on stderr, {@code ocr-cli: error: ...}, at every verbosity up to {@code -v} (which
     * adds lines about what ocr-cli does, not traces); with {@code -vv} the stack trace follows.
     * A failure that is not an {@link OcrException} is a bug: the line names its root cause.
     */
    static void reportError(Throwable e, int verbosity) {
        if (e instanceof OcrException) {
            Console.error(e.getMessage());
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            Console.error("internal error: " + root + (verbosity < 2 ? " (a bug: please report it with the output of -vv)" : ""));
        }
        if (verbosity > 1) {
            e.printStackTrace(Console.err());
            Console.err().flush();
        }
    }

    /** picocli's messages start with a capital ("Unknown option"); ours, like most Unix tools', do not. */
    static String sentence(String message) {
        if (message == null || message.length() < 2 || !Character.isUpperCase(message.charAt(0))
                || !Character.isLowerCase(message.charAt(1))) {
            return String.valueOf(message);
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    static boolean mayNeedSubcommands(String[] args) {
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            for (String name : SUBCOMMANDS) {
                if (name.equals(a)) {
                    return true;
                }
            }
            if (a.startsWith("@") || a.equals("--help") || a.equals("--version")
                    || (a.matches("-[A-Za-z]+") && (a.indexOf('h') > 0 || a.indexOf('V') > 0))) {
                // -h, -V, and clusters such as -vh (or a value such as -lhin: then merely slower)
                return true;
            }
        }
        return false;
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
}
