package dev.ocrcli.image;

/**
 * One page ready for recognition.
 *
 * @param pageNumber 1-based page number within its input
 * @param image      the pixels, grey, upright (EXIF orientation applied)
 * @param dpi        resolution from the file's metadata, 0 when it has none
 */
public record Page(int pageNumber, GrayImage image, int dpi) {
}
