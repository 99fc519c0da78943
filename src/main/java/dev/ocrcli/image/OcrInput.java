package dev.ocrcli.image;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What the engine reads: the pages of one input and where they came from. Made by
 * {@link ImageLoader}, or directly from an image already in memory.
 *
 * @param source     a label for messages and results (a path, or {@code -} for standard input)
 * @param pages      the pages, at least one
 * @param loadMillis time spent reading and decoding
 */
public record OcrInput(String source, List<Page> pages, long loadMillis) {
    public OcrInput {
        pages = List.copyOf(pages);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("an input needs at least one page");
        }
    }

    /** A single-page input from an image in memory. */
    public static OcrInput of(String source, BufferedImage image, int dpi) {
        return new OcrInput(source, List.of(Page.of(1, GrayImage.from(image), dpi)), 0);
    }

    /** A single-page input from a grey image in memory. */
    public static OcrInput of(String source, GrayImage image, int dpi) {
        return new OcrInput(source, List.of(Page.of(1, image, dpi)), 0);
    }
}
