package dev.ocrcli.result;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A paragraph: lines that belong together, as Tesseract's layout analysis groups them.
 *
 * @param box   its bounding box
 * @param lines its lines in reading order, at least one
 */
public record Paragraph(Box box, List<Line> lines) {
    public Paragraph {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a paragraph needs at least one line");
        }
    }

    /** A paragraph made of these lines, its box around theirs. */
    public static Paragraph of(List<Line> lines) {
        return new Paragraph(Box.around(lines.stream().map(Line::box).toList()), lines);
    }

    /** The same paragraph at another place. */
    public Paragraph mapBoxes(UnaryOperator<Box> f) {
        return new Paragraph(f.apply(box), lines.stream().map(l -> l.mapBoxes(f)).toList());
    }
}
