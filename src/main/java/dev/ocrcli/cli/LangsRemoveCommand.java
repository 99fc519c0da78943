package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import dev.ocrcli.lang.LanguageInstaller;
import dev.ocrcli.util.AppDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ocr-cli langs remove NAME...}: delete language packs that {@code langs install} put in place. */
@Command(name = "remove", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Remove language packs installed with 'langs install'.",
            "Models of system packages (tesseract-ocr-*) and those inside the jar are left alone; the message says where they are "
                + "and who owns them."})
public final class LangsRemoveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Language names.")
    List<String> names;

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Remove from DIR instead of the per-user data directory.")
    Path tessdata;

    @Mixin
    VerbosityMixin verbosity;

    @Override
    public Integer call() {
        LanguageInstaller installer = new LanguageInstaller(tessdata != null ? tessdata : AppDirs.userTessdata(), dev.ocrcli.engine.ModelCheck::loads);
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                Path removed = installer.remove(name);
                Console.note("removed " + name + ": " + removed);
            } catch (OcrException e) {
                Main.reportError(e, verbosity.level());
                if (exit == ExitCodes.OK) {
                    exit = ExitCodes.of(e.kind());
                }
            }
        }
        return exit;
    }
}
