package dev.ocrcli.result;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A block of text: a column, a table cell, a caption, as Tesseract's layout analysis finds them.
 *
 * @param box        its bounding box
 * @param paragraphs its paragraphs in reading order, at least one
 * @param region     which separately read part of the page it comes from: 0 for a page read
 *                   whole, else the 1-based number of the rectangle ({@code --rect}) or tile it was read in.
 *                   The plain text runs straight on from one region to the next (see {@link PageText}).
 */
public record Block(Box box, List<Paragraph> paragraphs, int region) {
    public Block {
        paragraphs = List.copyOf(paragraphs);
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("a block needs at least one paragraph");
        }
    }

    /** A block of a page read whole, its box around its paragraphs'. */
    public static Block of(List<Paragraph> paragraphs) {
        return new Block(Box.around(paragraphs.stream().map(Paragraph::box).toList()), paragraphs, 0);
    }

    /** All lines of the block in reading order. */
    public List<Line> lines() {
        return paragraphs.stream().flatMap(p -> p.lines().stream()).toList();
    }

    /** The same block at another place. */
    public Block mapBoxes(UnaryOperator<Box> f) {
        return new Block(f.apply(box), paragraphs.stream().map(p -> p.mapBoxes(f)).toList(), region);
    }

    /** The same block, as read in region {@code n}. */
    public Block inRegion(int n) {
        return new Block(box, paragraphs, n);
    }
}
