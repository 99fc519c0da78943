package dev.ocrcli.image;

/**
 * The pages of one input, produced one at a time: an image file decoded at once, or a PDF whose
 * pages are rendered only when asked for, so a long document never sits in memory whole.
 * Not thread-safe; close it when done.
 */
public interface PageSource extends AutoCloseable {
    /** A label for messages and results (the path, or {@code -}). */
    String source();

    /** Number of pages. */
    int pageCount();

    /** Decodes or renders page {@code index} (0-based). */
    Page page(int index);

    /**
     * The text a page already carries (a PDF's text layer), or null when it has none or the
     * source cannot have any (images).
     */
    default String existingText(int index) {
        return null;
    }

    /** Width and height in pixels of page {@code index} as {@link #page} would produce it, without producing it. */
    int[] pageSize(int index);

    /** Resolution of page {@code index}, 0 when unknown. */
    int pageDpi(int index);

    /** Milliseconds spent reading, decoding and rendering so far. */
    long loadMillis();

    @Override
    default void close() {}

    /** The pages of an input already decoded. */
    static PageSource of(OcrInput input) {
        return new PageSource() {
            @Override
            public String source() {
                return input.source();
            }

            @Override
            public int pageCount() {
                return input.pages().size();
            }

            @Override
            public Page page(int index) {
                return input.pages().get(index);
            }

            @Override
            public int[] pageSize(int index) {
                Page p = input.pages().get(index);
                return new int[] {p.width(), p.height()};
            }

            @Override
            public int pageDpi(int index) {
                return input.pages().get(index).dpi();
            }

            @Override
            public long loadMillis() {
                return input.loadMillis();
            }
        };
    }
}
