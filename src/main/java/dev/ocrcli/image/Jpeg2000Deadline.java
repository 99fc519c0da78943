package dev.ocrcli.image;

import dev.ocrcli.util.Futures;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a JPEG 2000 decode under a deadline. The JJ2000 decoder, which {@link ImageLoader} uses
 * for {@code .jp2} files and PDFBox for {@code /JPXDecode} images in PDFs, can loop for ever on a
 * corrupt packet header (found by fuzzing: a 2 KB file of 173x61 px), and nothing in it stops.
 * The decode (for a PDF: the rendering of the whole page that holds the image, see
 * {@link JpxImages}) runs on a daemon thread of its own, given {@link #BASE_MS} plus
 * {@link #MS_PER_MEGAPIXEL} per megapixel; past that its thread is stopped and the image counts
 * as corrupt. On a JVM that no longer stops threads (Java 20 and later) the thread is left to
 * spin; the caller still fails at the deadline.
 */
final class Jpeg2000Deadline {
    /** A JPEG 2000 image may take this long to decode... */
    static final long BASE_MS = 10_000;
    /** ...and this much more per megapixel (JJ2000 decodes a 12 MP photo in a few seconds). */
    static final long MS_PER_MEGAPIXEL = 2_000;

    private Jpeg2000Deadline() {
    }

    /** The time images of {@code pixels} px in all are given (counted up to {@link PdfLoader#MAX_IMAGE_PIXELS}). */
    static long limitMillis(long pixels) {
        return BASE_MS + MS_PER_MEGAPIXEL * (Math.min(Math.max(0, pixels), PdfLoader.MAX_IMAGE_PIXELS) / 1_000_000);
    }

    /** The decoder did not finish in time: the image is taken for corrupt. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(long limitMillis) {
            super("corrupt JPEG 2000 image (its decoder did not finish within " + limitMillis / 1000 + " s)");
        }
    }

    /**
     * Runs {@code decode} for images of {@code pixels} px in all and returns what it returns, or
     * throws what it throws.
     *
     * @throws Exceeded when it ran past {@link #limitMillis}; its thread has been stopped
     */
    static <T> T run(Callable<T> decode, long pixels) throws Exception {
        long limit = limitMillis(pixels);
        FutureTask<T> task = new FutureTask<>(decode);
        Thread decoder = new Thread(task, "ocr-jpeg2000");
        decoder.setDaemon(true);
        decoder.start();
        try {
            return task.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(decoder);
            throw new Exceeded(limit);
        } catch (InterruptedException e) {
            stop(decoder);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw Futures.cause(e);
        }
    }

    /** Pure Java, holding no lock of ours; the caller drops what it was decoding (the image failed). */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread decoder) {
        try {
            decoder.stop();
        } catch (UnsupportedOperationException e) {
            decoder.interrupt();
        }
    }
}
