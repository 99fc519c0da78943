package dev.ocrcli.cli;

import dev.ocrcli.batch.Progress;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error as UTF-8 writers, whatever the platform's default encoding:
 * results go to {@link #out()}, messages to {@link #err()}, each message in ocr-cli's voice
 * ({@link #error}, {@link #warning}, {@link #note}).
 *
 * <p>Standard error can carry a status line (the progress bar) at the bottom of a terminal:
 * every message written to stderr, through {@link #err()} or {@link System#err} (which
 * {@link #install()} points here, so log lines are included), first takes the status line away,
 * and once the message's line is complete the status line is drawn again below it. Results
 * written to stdout on the same terminal do the same, so text and bar never share a line.
 */
final class Console {
    private static final StatusStream STDERR = new StatusStream(new FileOutputStream(FileDescriptor.err));
    private static final OutputStream STDOUT = new BufferedOutputStream(new StdoutStream(new FileOutputStream(FileDescriptor.out)), 1 << 16);
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(STDOUT, StandardCharsets.UTF_8), false);
    private static final PrintWriter ERR = new PrintWriter(new OutputStreamWriter(STDERR, StandardCharsets.UTF_8), true);

    private Console() {}

    /** Routes {@link System#err} (and so every logger) through the same stream as {@link #err()}. */
    static void install() {
        System.setErr(new PrintStream(STDERR, true, StandardCharsets.UTF_8));
    }

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
        say("error: " + message);
    }

    /** Prints {@code ocr-cli: warning: MESSAGE} on one line of stderr. */
    static void warning(String message) {
        say("warning: " + message);
    }

    /** Prints {@code ocr-cli: MESSAGE} on one line of stderr: what ocr-cli is doing, or a summary. */
    static void note(String message) {
        say(message);
    }

    private static void say(String message) {
        ERR.println("ocr-cli: " + message.replaceAll("[\\r\\n]+", " "));
        ERR.flush();
    }

    /** The status line at the bottom of the terminal, or null when stderr is not a terminal. */
    static Progress.Display statusLine() {
        if (!Tty.isTerminal(Tty.STDERR)) {
            return null;
        }
        return new Progress.Display() {
            @Override
            public void show(String line) {
                STDERR.show(line);
            }

            @Override
            public void clear() {
                STDERR.clear();
            }

            @Override
            public int width() {
                return Tty.columns(Tty.STDERR, 80);
            }
        };
    }

    /** Standard output: while a status line is up and stdout is a terminal too, writes go around it. */
    private static final class StdoutStream extends OutputStream {
        private final OutputStream raw;
        private Boolean terminal;

        StdoutStream(OutputStream raw) {
            this.raw = raw;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (STDERR.hasStatus() && onTerminal()) {
                STDERR.writeAround(raw, b, off, len);
            } else {
                raw.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }

        private synchronized boolean onTerminal() {
            if (terminal == null) {
                terminal = Tty.isTerminal(Tty.STDOUT);
            }
            return terminal;
        }
    }

    /**
     * Standard error with an optional status line below everything else: a write takes the line
     * away first and, once it ends a line, draws it again. All methods hold the stream's lock, so
     * a bar redrawn by a timer never lands in the middle of a message.
     */
    private static final class StatusStream extends OutputStream {
        private static final byte[] ERASE = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

        private final OutputStream raw;
        private byte[] status;
        private boolean shown;
        private boolean atLineStart = true;

        StatusStream(OutputStream raw) {
            this.raw = raw;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            hide();
            raw.write(b, off, len);
            atLineStart = b[off + len - 1] == '\n';
            if (atLineStart) {
                draw();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            raw.flush();
        }

        synchronized boolean hasStatus() {
            return status != null;
        }

        /** Writes to another stream on the same terminal (stdout): the status line goes away first and comes back after a full line. */
        synchronized void writeAround(OutputStream other, byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            hide();
            other.write(b, off, len);
            other.flush();
            atLineStart = b[off + len - 1] == '\n';
            if (atLineStart) {
                draw();
            }
        }

        /** Shows (or replaces) the status line; it waits below a message whose line is not finished yet. */
        synchronized void show(String line) {
            status = ("\r" + line + "\033[K").getBytes(StandardCharsets.UTF_8);
            if (atLineStart) {
                try {
                    draw();
                } catch (IOException e) {
                    // stderr is gone: nothing to show anything on
                }
            }
        }

        /** Takes the status line away for good. */
        synchronized void clear() {
            try {
                hide();
            } catch (IOException e) {
                // as above
            }
            status = null;
        }

        private void hide() throws IOException {
            if (shown) {
                raw.write(ERASE);
                shown = false;
            }
        }

        private void draw() throws IOException {
            if (status != null) {
                raw.write(status);
                shown = true;
            }
        }
    }
}
