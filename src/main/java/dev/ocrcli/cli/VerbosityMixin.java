package dev.ocrcli.cli;

import picocli.CommandLine.Option;

/** {@code -v}/{@code -vv}: more log output on stderr, Tesseract's own messages; stack traces only with {@code -vv}. */
public final class VerbosityMixin {
    @Option(names = {"-v", "--verbose"}, description = "More on stderr: -v what ocr-cli does and Tesseract's own messages (still one line per problem), "
            + "-vv debug lines with time, thread and source, Leptonica's messages, and errors with their stack traces.")
    boolean[] verbose = new boolean[0];

    /** 0 (quiet), 1 or 2. */
    public int level() {
        return Math.min(2, verbose.length);
    }
}
