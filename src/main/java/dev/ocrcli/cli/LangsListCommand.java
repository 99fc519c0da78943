package dev.ocrcli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code ocr-cli langs list}: the installed languages and where each comes from. */
@Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, description = "List installed languages and where each comes from.")
public final class LangsListCommand implements Runnable {
    @Option(names = "--tessdata", paramLabel = "DIR", description = "Directory searched first.")
    Path tessdata;

    @Override
    public void run() {
        LangsCommand.printLanguages(tessdata, Console.out());
    }
}
