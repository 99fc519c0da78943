package dev.ocrcli.result;

import java.util.List;

/**
 * The plain-text layout of a page, rendered from its tree the way Tesseract lays out its own text:
 * each line is its words joined by single spaces and ends with a newline, and a blank line
 * separates one paragraph from the next (also across blocks). Parts of a page read on their own
 * ({@code --rect} rectangles, tiles of a huge page) run straight on from one to the next, as
 * Tesseract's callers (Tess4J among them) join the texts of separate rectangles.
 */
public final class PageText {
    private PageText() {
    }

    /** The page's text; empty when nothing was read. */
    public static String of(PageTree tree) {
        StringBuilder sb = new StringBuilder();
        int region = Integer.MIN_VALUE;
        for (Block b : tree.blocks()) {
            for (Paragraph p : b.paragraphs()) {
                if (!sb.isEmpty() && b.region() == region) {
                    sb.append('\n');
                }
                region = b.region();
                appendLines(sb, p.lines());
            }
        }
        return sb.toString();
    }

    private static void appendLines(StringBuilder sb, List<Line> lines) {
        for (Line l : lines) {
            sb.append(l.text()).append('\n');
        }
    }
}
