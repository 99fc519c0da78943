package dev.ocrcli.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code help [COMMAND...]}: the help of the command its words name, walked down the command tree,
 * so {@code ocr-cli help langs install} is the help of {@code ocr-cli langs install}. picocli's own
 * help command reads only the first word and would show the help of {@code langs}.
 */
@Command(name = "help", helpCommand = true, synopsisHeading = "%nUsage: ",
        description = "Display help information about the specified command.",
        parameterListHeading = "%nParameters:%n", optionListHeading = "%nOptions:%n")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show usage help for the help command and exit.")
    private boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The COMMAND (and subcommands, as in 'langs install') to display the usage help message for.")
    private List<String> commands = List.of();

    private CommandLine self;
    private Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        if (target == null) {
            return;
        }
        for (String name : commands) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new ParameterException(target, "Unknown subcommand '" + name + "'.", null, name);
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
