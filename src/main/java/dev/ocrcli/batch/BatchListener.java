package dev.ocrcli.batch;

import dev.ocrcli.image.GrayImage;

import dev.ocrcli.result.OcrResult;

/** Hears about each input as the batch emits it, in input order, on the thread running the batch. */
public interface BatchListener {
    /** An input was recognised (and its outputs written). */
    default void succeeded(BatchItem item, OcrResult result) {}

    /** An input failed; the batch goes on. */
    default void failed(BatchItem item, Throwable error) {}

    /** An input was left out because its outputs existed. */
    default void skipped(BatchItem item) {}

    /**
     * The image the engine actually read for one page of an input, after preprocessing; called on
     * the worker thread that recognised it, only when {@link #wantsPreprocessed()} says so.
     */
    default void preprocessed(BatchItem item, int pageNumber, GrayImage image) {}

    /** Whether {@link #preprocessed} should be called (keeping the images costs nothing otherwise). */
    default boolean wantsPreprocessed() {
        return false;
    }
}
