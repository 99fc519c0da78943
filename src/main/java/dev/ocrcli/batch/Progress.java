package dev.ocrcli.batch;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar (done/total, pages per second, time left) redrawn in place on a
 * terminal, and the summary line at the end. Disabled, it draws nothing.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private int done;
    private int failed;
    private int skipped;
    private long pages;

    public Progress(PrintWriter err, boolean enabled, int total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    /** Counts one input. */
    public synchronized void add(boolean ok, boolean skip, int pageCount) {
        if (skip) {
            skipped++;
        } else if (ok) {
            done++;
        } else {
            failed++;
        }
        pages += pageCount;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw >= REDRAW_NANOS || done + failed + skipped == total)) {
            lastDraw = now;
            draw(now);
        }
    }

    /** Removes the bar so that a message can be printed; it comes back with the next update. */
    public synchronized void clear() {
        if (enabled && drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** Removes the bar for good. */
    public synchronized void finish() {
        clear();
    }

    private void draw(long now) {
        int finished = done + failed + skipped;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        int worked = done + failed;
        String eta = "--:--";
        if (worked > 0 && finished < total) {
            double perInput = secs / worked;
            eta = clock((long) (perInput * (total - finished)));
        } else if (finished >= total) {
            eta = "0:00";
        }
        int width = 24;
        int filled = total == 0 ? width : (int) ((long) width * finished / total);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String line = String.format(Locale.ROOT, "[%s] %d/%d  %.1f pages/s  ETA %s%s", bar, finished, total, pages / secs, eta,
                failed > 0 ? "  " + failed + " failed" : "");
        err.print("\r\033[K" + line);
        err.flush();
        drawn = true;
    }

    private static String clock(long s) {
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** The summary line: {@code 998 ok, 2 failed, 0 skipped, 1000 inputs (1042 pages) in 2:05 (8.3 pages/s)}. */
    public static String summary(BatchSummary s) {
        double secs = Math.max(1e-3, s.millis() / 1000.0);
        return String.format(Locale.ROOT, "%d ok, %d failed, %d skipped, %d inputs (%d pages) in %.1f s (%.2f pages/s)",
                s.ok(), s.failed(), s.skipped(), s.total(), s.pages(), secs, s.pages() / secs);
    }
}
