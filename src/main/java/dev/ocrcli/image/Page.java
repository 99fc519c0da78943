package dev.ocrcli.image;

/**
 * One page ready for recognition.
 *
 * @param pageNumber 1-based page number within its input
 * @param image      the pixels, grey, upright (EXIF orientation applied)
 * @param dpi        resolution from the file's metadata, 0 when it has none
 * @param large      for a page too large to decode at once, its encoded form (then {@code image}
 *                   is null and the engine reads it in tiles); null otherwise
 */
public record Page(int pageNumber, GrayImage image, int dpi, LargeImage large) {
    /** An ordinary page, decoded. */
    public Page(int pageNumber, GrayImage image, int dpi) {
        this(pageNumber, image, dpi, null);
    }

    /** Width in pixels. */
    public int width() {
        return large != null ? large.width() : image.width();
    }

    /** Height in pixels. */
    public int height() {
        return large != null ? large.height() : image.height();
    }
}
