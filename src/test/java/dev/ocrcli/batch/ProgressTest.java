package dev.ocrcli.batch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic of the progress bar on a clock the test drives: rates that settle on the true
 * rate, a time left that counts down between finishes and grows while an input is late, and the
 * line as drawn. (The bar on a real terminal is tested in {@code cli.TerminalTest}.)
 */
class ProgressTest {
    static final long S = 1_000_000_000L;

    /** A display that keeps what it was asked to show. */
    static final class Screen implements Progress.Display {
        final List<String> shown = new ArrayList<>();
        boolean cleared;

        @Override
        public void show(String line) {
            shown.add(line);
        }

        @Override
        public void clear() {
            cleared = true;
        }

        @Override
        public int width() {
            return 100;
        }
    }

    @Test
    void aSteadyBatchSettlesOnItsRateAndTheTimeLeftCountsDown() {
        Screen screen = new Screen();
        Progress p = new Progress(screen, 100, 0, false);
        assertEquals(1, screen.shown.size(), "drawn at once");
        assertTrue(screen.shown.get(0).contains("0/100  -- pages/s  ETA --:--"), screen.shown.get(0));
        long t = 0;
        List<Double> quarterEtas = new ArrayList<>();
        // a slow start (the engines load for 5 s), then one input of 2 pages every second
        for (int i = 0; i < 40; i++) {
            t += i == 0 ? 5 * S : S;
            p.add(true, false, 2, t);
            quarterEtas.clear();
            for (int q = 1; q <= 3; q++) {
                p.tick(t + q * S / 4);
                quarterEtas.add(p.eta());
            }
        }
        assertEquals(2.0, p.pageRate(t + S / 2), 0.1, "the start is forgotten after a few dozen inputs");
        assertEquals(60, p.eta(), 6, "60 inputs left at one a second");
        // between two finishes the time left goes down with the clock
        assertTrue(quarterEtas.get(0) > quarterEtas.get(1) && quarterEtas.get(1) > quarterEtas.get(2), quarterEtas.toString());
    }

    @Test
    void aLateInputLowersTheRateAndRaisesTheTimeLeft() {
        Progress p = new Progress(null, 50, 0, false);
        long t = 0;
        for (int i = 0; i < 20; i++) {
            t += S;
            p.add(true, false, 1, t);
            p.tick(t);
        }
        double rate = p.pageRate(t);
        double eta = p.eta();
        // the next input takes 10 s instead of 1
        for (int q = 1; q <= 40; q++) {
            p.tick(t + q * S / 4);
        }
        assertTrue(p.pageRate(t + 10 * S) < rate / 5, "rate sinks while nothing finishes: " + rate + " -> " + p.pageRate(t + 10 * S));
        assertTrue(p.eta() > eta, "time left grows: " + eta + " -> " + p.eta());
    }

    @Test
    void skippedInputsTakeNoTimeAndFailuresAreShown() {
        Progress p = new Progress(null, 4, 0, false);
        p.add(false, true, 0, S);
        p.add(false, true, 0, 2 * S);
        assertTrue(Double.isNaN(p.pageRate(2 * S)), "skipped inputs say nothing about the rate");
        p.add(false, false, 0, 3 * S);
        String line = p.line(200, 3 * S);
        assertTrue(line.startsWith("[##################......] 3/4  0.0 pages/s  ETA ") && line.endsWith("  1 failed"), line);
        p.add(true, false, 3, 4 * S);
        assertTrue(p.line(200, 4 * S).contains("4/4") && p.line(200, 4 * S).contains("ETA 0:00"), p.line(200, 4 * S));
        BatchSummary s = p.soFar();
        assertEquals(List.of(1, 1, 2, 3L), List.of(s.ok(), s.failed(), s.skipped(), s.pages()));
        assertTrue(p.interruptedSummary().startsWith("interrupted: 1 ok, 1 failed, 2 skipped, 0 not done, 4 inputs (3 pages) in "),
                p.interruptedSummary());
    }

    @Test
    void aNarrowTerminalGetsAShorterLineThatNeverWraps() {
        Progress p = new Progress(null, 1000, 0, false);
        for (int width : new int[] {20, 40, 60, 80}) {
            String line = p.line(width, 0);
            assertTrue(line.length() < width, width + ": " + line);
        }
        assertTrue(p.line(80, 0).startsWith("["), "the bar when there is room");
        assertTrue(p.line(40, 0).startsWith("0/1000"), "the numbers first when there is not");
    }

    @Test
    void finishTakesTheBarAway() {
        Screen screen = new Screen();
        Progress p = new Progress(screen, 2, 0, false);
        p.finish();
        assertTrue(screen.cleared);
        int shown = screen.shown.size();
        p.add(true, false, 1, S);
        assertEquals(shown, screen.shown.size(), "nothing drawn after finish");
    }
}
