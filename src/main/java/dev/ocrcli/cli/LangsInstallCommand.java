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
            "Default source: " + LanguageInstaller.DEFAULT_BASE_URL + " (fast), or see --variant."})
public final class LangsInstallCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Language names, e.g. deu fra script/Latin.")
    List<String> names;

    @Option(names = "--from", paramLabel = "URL|DIR", description = {"Base URL or local folder holding NAME.traineddata (or .gz);",
            "with --variant legacy also an npm registry or a package tarball (.tgz)."})
    String from;

    @Option(names = "--variant", paramLabel = "KIND", defaultValue = "fast", description = {
            "fast (default): Tesseract's fast models, as Debian packages them;",
            "best: the float models, a little more accurate and several times slower;",
            "legacy: models that also carry Tesseract's legacy engine, installed as legacy/NAME beside the LSTM one;",
            "the vote step reads doubtful pages with them too (default source: the npm packages @tesseract.js-data/NAME)."})
    String variant;

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Install into DIR instead of the per-user data directory.")
    Path tessdata;

    @Mixin
    VerbosityMixin verbosity;

    @Override
    public Integer call() {
        LanguageInstaller installer = new LanguageInstaller(tessdata != null ? tessdata : AppDirs.userTessdata(), dev.ocrcli.engine.ModelCheck::loads);
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                Path p = installer.install(name, from, LanguageInstaller.Variant.parse(variant));
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
