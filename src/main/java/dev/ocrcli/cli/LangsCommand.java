package dev.ocrcli.cli;

import dev.ocrcli.lang.LanguagePack;
import dev.ocrcli.lang.TessdataLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code ocr-cli langs}: list, install and remove language packs. */
@Command(name = "langs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage language packs (Tesseract .traineddata models).",
        subcommands = {LangsListCommand.class, LangsInstallCommand.class, LangsRemoveCommand.class, HelpCommand.class})
public final class LangsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, install or remove");
    }

    /** Prints one line per installed language: name, where it comes from, the file. */
    static void printLanguages(Path explicitDir, PrintWriter out) {
        Map<String, LanguagePack> packs = TessdataLocator.standard(explicitDir).available();
        int width = 4;
        for (String n : packs.keySet()) {
            width = Math.max(width, n.length());
        }
        for (LanguagePack p : packs.values()) {
            String where = p.file() == null ? "inside ocr-cli.jar" : p.file().toString();
            out.printf("%-" + width + "s  %-16s %s%n", p.name(), p.source().label(), where);
        }
        out.flush();
    }
}
