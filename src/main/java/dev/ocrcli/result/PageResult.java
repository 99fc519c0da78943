package dev.ocrcli.result;

import java.util.List;

/**
 * What was recognised on one page (one image, or one page of a multi-page file).
 *
 * @param pageNumber    1-based page number within the input
 * @param width         image width in pixels (of the input as loaded, after EXIF orientation)
 * @param height        image height in pixels
 * @param dpi           resolution used for recognition, 0 when unknown (Tesseract then estimates it)
 * @param tree          what was read: blocks, paragraphs, lines and words, boxes in the page's pixels
 * @param preprocessing what each step of the pipeline measured and did
 * @param keptText      for a page that kept the text it already carried (a PDF's text layer, with
 *                      {@code --skip-text}) instead of being recognised: that text, and the tree is
 *                      empty; null for a recognised page
 */
public record PageResult(int pageNumber, int width, int height, int dpi, PageTree tree, List<StepReport> preprocessing,
                         String keptText) {
    public PageResult {
        preprocessing = List.copyOf(preprocessing);
        if (keptText != null && !tree.isEmpty()) {
            throw new IllegalArgumentException("a page either kept its own text or was read, not both");
        }
    }

    /** A recognised page. */
    public PageResult(int pageNumber, int width, int height, int dpi, PageTree tree, List<StepReport> preprocessing) {
        this(pageNumber, width, height, dpi, tree, preprocessing, null);
    }

    /** A page that kept the text it carries (a PDF page's own text layer) instead of being recognised. */
    public static PageResult keptText(int pageNumber, int width, int height, int dpi, String text) {
        return new PageResult(pageNumber, width, height, dpi, PageTree.EMPTY, List.of(), text);
    }

    /** The same page under another number (a page of a document read on its own). */
    public PageResult renumbered(int n) {
        return n == pageNumber ? this : new PageResult(n, width, height, dpi, tree, preprocessing, keptText);
    }

    /** The page's text: Tesseract's layout rendered from the tree (see {@link PageText}), or the text it kept. */
    public String text() {
        return keptText != null ? keptText : tree.text();
    }

    /** The blocks in reading order. */
    public List<Block> blocks() {
        return tree.blocks();
    }

    /** All lines in reading order. */
    public List<Line> lines() {
        return tree.lines();
    }

    /** All words of the page in reading order. */
    public List<Word> words() {
        return tree.words();
    }

    /** Mean word confidence of the page, 0..100; 0 when no word was found. */
    public double meanConfidence() {
        return tree.meanConfidence();
    }
}
