package dev.ocrcli.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ocr-cli completion bash|zsh}: prints a shell completion script for every command and
 * option, made by picocli's {@link AutoComplete} from the command tree itself. The script is a
 * bash one; zsh runs it through its {@code bashcompinit} layer, which the script loads itself.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, versionProvider = VersionProvider.class,
        description = {"Print a shell completion script for ocr-cli.", "",
            "bash, for this shell:      source <(ocr-cli completion bash)",
            "bash, for every new shell: ocr-cli completion bash > ~/.local/share/bash-completion/completions/ocr-cli",
            "zsh, in ~/.zshrc:          source <(ocr-cli completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells the script is made for. */
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("ocr-cli", spec.root().commandLine());
        // one script serves both: under zsh it loads zsh's bashcompinit itself
        PrintWriter out = Console.out();
        out.print(script);
        out.flush();
        return ExitCodes.OK;
    }
}
