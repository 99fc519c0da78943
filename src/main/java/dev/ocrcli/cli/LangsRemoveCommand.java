package dev.ocrcli.cli;

import dev.ocrcli.lang.LanguageInstaller;
import dev.ocrcli.util.AppDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code ocr-cli langs remove NAME...}: delete installed language packs. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove language packs installed with 'langs install' (system packages are left alone).")
public final class LangsRemoveCommand implements Runnable {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Language names.")
    List<String> names;

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Remove from DIR instead of the per-user data directory.")
    Path tessdata;

    @Override
    public void run() {
        LanguageInstaller installer = new LanguageInstaller(tessdata != null ? tessdata : AppDirs.userTessdata());
        for (String name : names) {
            installer.remove(name);
            Console.err().println("removed " + name + " from " + installer.targetDir());
        }
    }
}
