package dev.ocrcli.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error as UTF-8 writers, whatever the platform's default encoding:
 * results go to {@link #out()}, messages to {@link #err()}.
 */
final class Console {
    private static final OutputStream STDOUT = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(STDOUT, StandardCharsets.UTF_8), false);
    private static final PrintWriter ERR = new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);

    private Console() {}

    static PrintWriter out() {
        return OUT;
    }

    /** Standard output as bytes (binary formats); flush {@link #out()} before switching to it. */
    static OutputStream stdout() {
        return STDOUT;
    }

    static PrintWriter err() {
        return ERR;
    }

    /** Prints {@code ocr-cli: error: MESSAGE} on one line of stderr. */
    static void error(String message) {
        ERR.println("ocr-cli: error: " + message.replaceAll("[\\r\\n]+", " "));
        ERR.flush();
    }
}
