package dev.ocrcli.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * Whether standard input, output or error is a terminal, and how wide it is, asked of the C
 * library through JNA (which Tess4J brings). {@link System#console()} cannot tell the three
 * streams apart: it is null as soon as one of stdin and stdout is redirected, while the progress
 * bar only needs stderr to be a terminal.
 */
final class Tty {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    /** Linux's TIOCGWINSZ request: the window size of a terminal. */
    private static final long TIOCGWINSZ = 0x5413;

    private Tty() {}

    /** The C calls we need. */
    private interface LibC extends Library {
        int isatty(int fd);

        int ioctl(int fd, NativeLong request, short[] winsize);
    }

    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (Throwable e) {  // no JNA or no libc we can bind: treat nothing as a terminal
                return null;
            }
        }
    }

    /** True when the file descriptor is a terminal. */
    static boolean isTerminal(int fd) {
        LibC c = Holder.LIBC;
        if (c == null) {
            return fd != STDERR && System.console() != null;
        }
        try {
            return c.isatty(fd) == 1;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The width of the terminal on {@code fd} in columns, or {@code fallback} when it cannot be told. */
    static int columns(int fd, int fallback) {
        LibC c = Holder.LIBC;
        if (c != null) {
            try {
                short[] ws = new short[4];  // rows, columns, x pixels, y pixels
                if (c.ioctl(fd, new NativeLong(TIOCGWINSZ), ws) == 0 && ws[1] > 0) {
                    return ws[1];
                }
            } catch (RuntimeException | LinkageError e) {
                // fall through
            }
        }
        try {
            int n = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
