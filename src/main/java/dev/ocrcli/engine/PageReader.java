package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Page;
import dev.ocrcli.result.PageResult;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one page: with one language set ({@link LanguageSetReader}), or choosing the languages
 * page by page ({@link AutoLanguageReader}, {@code --lang auto}).
 */
interface PageReader extends AutoCloseable {
    /**
     * What one page gave.
     *
     * @param page      what was read on it, boxes in the page's pixels
     * @param languages the languages it was read with
     */
    record Read(PageResult page, List<String> languages) {}

    /**
     * @param page    the page
     * @param regions rectangles to read, each on its own and in this order; empty for the whole page
     * @param seen    told about every image the engine actually read (after the image steps); may be null
     * @param source  the input's label, for messages
     */
    Read read(Page page, List<Region> regions, Consumer<GrayImage> seen, String source);

    /** Limits every recognition until the next call to the given end ({@link System#nanoTime()}); 0 for none. */
    void deadline(long nanos);

    /** Frees the native handles. Idempotent. */
    @Override
    void close();
}
