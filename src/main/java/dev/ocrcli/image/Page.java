package dev.ocrcli.image;

/**
 * One page ready for recognition: either decoded into grey pixels, or, when too large to decode
 * at once, kept encoded and read in tiles.
 */
public sealed interface Page permits Page.Decoded, Page.Tiled {
    /** 1-based page number within its input. */
    int pageNumber();

    /** Resolution from the file's metadata, 0 when it has none. */
    int dpi();

    /** Width in pixels. */
    int width();

    /** Height in pixels. */
    int height();

    /** An ordinary page, decoded. */
    static Decoded of(int pageNumber, GrayImage image, int dpi) {
        return new Decoded(pageNumber, image, dpi, null);
    }

    /** A decoded page with its colour picture (for searchable PDF output; null for none). */
    static Decoded of(int pageNumber, GrayImage image, int dpi, Picture colour) {
        return new Decoded(pageNumber, image, dpi, colour);
    }

    /**
     * A decoded page.
     *
     * @param pageNumber 1-based page number within its input
     * @param image      the pixels, grey, upright (EXIF orientation applied)
     * @param dpi        resolution from the file's metadata, 0 when it has none
     * @param colour     the page in colour, kept only when a searchable PDF is written and the
     *                   input has colour; null otherwise (the PDF then shows {@code image})
     */
    record Decoded(int pageNumber, GrayImage image, int dpi, Picture colour) implements Page {
        public Decoded {
            if (image == null) {
                throw new IllegalArgumentException("a decoded page needs its image");
            }
            if (colour != null && (colour.width() != image.width() || colour.height() != image.height())) {
                throw new IllegalArgumentException("colour picture " + colour.width() + "x" + colour.height() + " for a "
                        + image.width() + "x" + image.height() + " page");
            }
        }

        public Decoded(int pageNumber, GrayImage image, int dpi) {
            this(pageNumber, image, dpi, null);
        }

        @Override
        public int width() {
            return image.width();
        }

        @Override
        public int height() {
            return image.height();
        }
    }

    /**
     * A page too large to decode at once (over Tesseract's 32767 px per side, or more pixels than
     * the heap holds): it stays encoded and the engine decodes it a band of rows at a time.
     *
     * @param pageNumber 1-based page number within its input
     * @param source     the encoded page
     * @param dpi        resolution from the file's metadata, 0 when it has none
     */
    record Tiled(int pageNumber, LargeImage source, int dpi) implements Page {
        @Override
        public int width() {
            return source.width();
        }

        @Override
        public int height() {
            return source.height();
        }
    }
}
