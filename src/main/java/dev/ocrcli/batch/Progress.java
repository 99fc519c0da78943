package dev.ocrcli.batch;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress of a batch: counts what finished and, given a {@link Display}, keeps a one-line
 * bar (done/total, pages per second, time left) on it from the moment it is made until
 * {@link #finish()}. The bar is redrawn on every finished input and four times a second in
 * between. Without a display it only counts, which is what a summary after Ctrl-C needs.
 *
 * <p>Rates are exponentially smoothed over the last six or so inputs (the time between
 * finishes, and the pages of each), so one quick or slow input moves them only a little; while an
 * input takes longer than usual, the time since the last finish counts as the interval, so the
 * rate sinks and the time left grows instead of freezing. The time left counts down on the
 * timer and follows the rates within a few seconds.
 */
public final class Progress {
    /** Where the bar is drawn: a line at the bottom of a terminal that messages scroll above. */
    public interface Display {
        /** Shows the line, replacing the one shown before. */
        void show(String line);

        /** Takes the line away. */
        void clear();

        /** Columns available; longer lines are cut. */
        int width();
    }

    private static final long TICK_MILLIS = 250;
    /** Weight of the newest input in the smoothed interval and pages: about the last six count. */
    private static final double ALPHA = 1 - Math.exp(-1 / 6.0);
    /** Time constant with which the time left follows the rates (it counts down in between). */
    private static final double ETA_SECONDS = 2;
    private static final int BAR_WIDTH = 24;

    private final Display display;
    private final int total;
    private final long start;
    private final ScheduledExecutorService timer;
    private int done;
    private int failed;
    private int skipped;
    private long pages;
    private boolean finished;
    // smoothing: exponentially weighted sums and their weight (bias-corrected: the first inputs
    // get the plain mean), the time of the last finish, the time left shown
    private long lastFinish;
    private long lastTick;
    private double intervalSum;
    private double pagesSum;
    private double weight;
    private double eta = Double.NaN;

    /**
     * Starts counting, and drawing at once when {@code display} is not null.
     *
     * @param display where the bar goes, or null to count only
     * @param total   inputs in the batch
     */
    public Progress(Display display, int total) {
        this(display, total, System.nanoTime(), display != null);
    }

    /** As above, with the start time given and the timer optional (tests drive {@link #tick} themselves). */
    Progress(Display display, int total, long startNanos, boolean withTimer) {
        this.display = display;
        this.total = total;
        this.start = startNanos;
        this.lastFinish = startNanos;
        this.lastTick = startNanos;
        if (!withTimer) {
            timer = null;
            draw();
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocr-progress");
            t.setDaemon(true);
            return t;
        });
        draw();
        timer.scheduleAtFixedRate(this::tickAndDraw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Counts one input. */
    public void add(boolean ok, boolean skip, int pageCount) {
        add(ok, skip, pageCount, System.nanoTime());
    }

    /** Counts one input that finished at {@code now}. */
    synchronized void add(boolean ok, boolean skip, int pageCount, long now) {
        if (skip) {
            skipped++;  // takes no time: says nothing about the rate
        } else {
            if (ok) {
                done++;
            } else {
                failed++;
            }
            double interval = Math.max(0, (now - lastFinish) / 1e9);
            lastFinish = now;
            intervalSum += ALPHA * (interval - intervalSum);
            pagesSum += ALPHA * (pageCount - pagesSum);
            weight += ALPHA * (1 - weight);
        }
        pages += pageCount;
        draw();
    }

    /** Stops the timer and removes the bar for good; counting goes on. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (display != null) {
            display.clear();
        }
    }

    /** What finished so far, as a summary (no failure attached). */
    public synchronized BatchSummary soFar() {
        return new BatchSummary(done, failed, skipped, pages, (System.nanoTime() - start) / 1_000_000, null);
    }

    /** The summary line of a batch stopped before its end: {@code interrupted: 12 ok, 1 failed, 0 skipped, 28 not done, 41 inputs ...}. */
    public synchronized String interruptedSummary() {
        BatchSummary s = soFar();
        double secs = Math.max(1e-3, s.millis() / 1000.0);
        return String.format(Locale.ROOT, "interrupted: %d ok, %d failed, %d skipped, %d not done, %d inputs (%d pages) in %.1f s (%.2f pages/s)",
                s.ok(), s.failed(), s.skipped(), total - s.total(), total, s.pages(), secs, s.pages() / secs);
    }

    private synchronized void tickAndDraw() {
        tick(System.nanoTime());
        draw();
    }

    /** Seconds between finishes as things stand at {@code now}: the smoothed interval, or the current wait if longer; NaN before any finish. */
    private double interval(long now) {
        if (weight == 0) {
            return Double.NaN;
        }
        return Math.max(intervalSum / weight, (now - lastFinish) / 1e9);
    }

    /** Pages per second at {@code now}; NaN before any input finished. */
    synchronized double pageRate(long now) {
        double i = interval(now);
        return Double.isNaN(i) ? Double.NaN : i <= 0 ? 0 : (pagesSum / weight) / i;
    }

    /** Seconds left as shown, NaN before any input finished. */
    synchronized double eta() {
        return finishedCount() >= total ? 0 : eta;
    }

    /** Moves the time left to {@code now}: down by the time passed, then towards what the rates say. */
    synchronized void tick(long now) {
        double dt = Math.max(0, (now - lastTick) / 1e9);
        lastTick = now;
        double i = interval(now);
        if (Double.isNaN(i)) {
            return;
        }
        double raw = (total - finishedCount()) * i;
        if (Double.isNaN(eta)) {
            eta = raw;
        } else {
            eta = Math.max(0, eta - dt);
            eta += (1 - Math.exp(-dt / ETA_SECONDS)) * (raw - eta);
        }
    }

    private int finishedCount() {
        return done + failed + skipped;
    }

    private void draw() {
        if (display == null || finished) {
            return;
        }
        display.show(line(display.width(), System.nanoTime()));
    }

    /** The bar as drawn at {@code now}, cut to {@code width - 1} columns (a full last column would wrap on some terminals). */
    synchronized String line(int width, long now) {
        int n = finishedCount();
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * n / total);
        double rate = pageRate(now);
        double left = eta();
        String text = String.format(Locale.ROOT, "%d/%d  %s  ETA %s%s", n, total,
                Double.isNaN(rate) ? "-- pages/s" : String.format(Locale.ROOT, "%.1f pages/s", rate),
                Double.isNaN(left) ? "--:--" : clock(Math.round(left)),
                failed > 0 ? "  " + failed + " failed" : "");
        String bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ";
        String line = bar.length() + text.length() < width ? bar + text : text;
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
    }

    private static String clock(long s) {
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** The summary line: {@code 998 ok, 2 failed, 0 skipped, 1000 inputs (1042 pages) in 123.4 s (8.44 pages/s)}. */
    public static String summary(BatchSummary s) {
        double secs = Math.max(1e-3, s.millis() / 1000.0);
        return String.format(Locale.ROOT, "%d ok, %d failed, %d skipped, %d inputs (%d pages) in %.1f s (%.2f pages/s)",
                s.ok(), s.failed(), s.skipped(), s.total(), s.pages(), secs, s.pages() / secs);
    }
}
