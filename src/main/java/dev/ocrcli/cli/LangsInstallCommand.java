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

/** {@code ocr-cli langs install NAME...}: download, verify and install language packs. */
@Command(name = "install", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Download a language pack, check that it loads, and move it into place atomically.",
            "Default source: " + LanguageInstaller.DEFAULT_BASE_URL})
public final class LangsInstallCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Language names, e.g. deu fra script/Latin.")
    List<String> names;

    @Option(names = "--from", paramLabel = "URL|DIR", description = "Base URL or local folder holding NAME.traineddata.")
    String from;

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Install into DIR instead of the per-user data directory.")
    Path tessdata;

    @Mixin
    VerbosityMixin verbosity;

    @Override
    public Integer call() {
        LanguageInstaller installer = new LanguageInstaller(tessdata != null ? tessdata : AppDirs.userTessdata());
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                Path p = installer.install(name, from);
                Console.note("installed " + name + ": " + p);
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
