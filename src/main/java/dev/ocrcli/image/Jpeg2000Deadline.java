package dev.ocrcli.image;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a JPEG 2000 decode under a deadline. The JJ2000 decoder that {@link ImageLoader} uses for
 * {@code .jp2} files can loop for ever on a corrupt packet header (found by fuzzing: a 2 KB file
 * of 173x61 px), and nothing in it stops. (JPEG 2000 images inside PDFs are not covered yet:
 * PDFBox decodes them while it builds the image object, before any drawing hook.) The decode runs on a daemon thread of its own, given
 * {@link #BASE_MS} plus {@link #MS_PER_MEGAPIXEL} per megapixel; past that its thread is stopped
 * and the image counts as corrupt.
 */
final class Jpeg2000Deadline {
    /** A JPEG 2000 image may take this long to decode... */
    static final long BASE_MS = 10_000;
    /** ...and this much more per megapixel (JJ2000 decodes a 12 MP photo in a few seconds). */
    static final long MS_PER_MEGAPIXEL = 2_000;

    private Jpeg2000Deadline() {
    }

    /** The time a {@code width} x {@code height} image is given. */
    static long limitMillis(long width, long height) {
        return BASE_MS + MS_PER_MEGAPIXEL * (Math.max(0, width) * Math.max(0, height) / 1_000_000);
    }

    /** The decoder did not finish in time: the image is taken for corrupt. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(long limitMillis) {
            super("corrupt JPEG 2000 image (its decoder did not finish within " + limitMillis / 1000 + " s)");
        }
    }

    /**
     * Runs {@code decode} for an image of {@code width} x {@code height} px and returns what it
     * returns, or throws what it throws.
     *
     * @throws Exceeded when it ran past {@link #limitMillis}; its thread has been stopped
     */
    @SuppressWarnings({"deprecation", "removal"})
    static <T> T run(Callable<T> decode, long width, long height) throws Exception {
        long limit = limitMillis(width, height);
        FutureTask<T> task = new FutureTask<>(decode);
        Thread decoder = new Thread(task, "ocr-jpeg2000");
        decoder.setDaemon(true);
        decoder.start();
        try {
            return task.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // pure Java, holding no lock of ours; the caller drops what it was decoding (the image failed)
            decoder.stop();
            throw new Exceeded(limit);
        } catch (InterruptedException e) {
            decoder.stop();
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
