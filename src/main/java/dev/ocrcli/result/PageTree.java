package dev.ocrcli.result;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What was read on a page, as a tree: blocks, paragraphs, lines, words (and glyphs where asked
 * for), in reading order, each with its box. Immutable; every change makes a new tree, sharing the
 * parts that did not change. The plain text is rendered from it ({@link #text()}), as are JSON,
 * TSV, hOCR, ALTO and the PDF text layer.
 *
 * @param blocks the blocks in reading order (none on a page where nothing was read)
 */
public record PageTree(List<Block> blocks) {
    /** A page where nothing was read. */
    public static final PageTree EMPTY = new PageTree(List.of());

    public PageTree {
        blocks = List.copyOf(blocks);
    }

    /** A tree of one block with one paragraph per line: for lines whose grouping is unknown. */
    public static PageTree ofLines(List<Line> lines) {
        if (lines.isEmpty()) {
            return EMPTY;
        }
        return new PageTree(List.of(Block.of(lines.stream().map(l -> Paragraph.of(List.of(l))).toList())));
    }

    /** All lines in reading order. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        for (Block b : blocks) {
            for (Paragraph p : b.paragraphs()) {
                out.addAll(p.lines());
            }
        }
        return List.copyOf(out);
    }

    /** All words in reading order. */
    public List<Word> words() {
        List<Word> out = new ArrayList<>();
        for (Line l : lines()) {
            out.addAll(l.words());
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Mean word confidence, 0..100; 0 when no word was read. */
    public double meanConfidence() {
        return Confidence.mean(words());
    }

    /** The plain text, laid out as Tesseract lays it out (see {@link PageText}). */
    public String text() {
        return PageText.of(this);
    }

    /**
     * The tree with every line replaced by {@code f}'s answer: the same line (unchanged), another
     * line, or null to remove it; paragraphs and blocks left without lines go too. The same tree
     * when nothing changed.
     */
    public PageTree mapLines(Function<Line, Line> f) {
        List<Block> out = new ArrayList<>(blocks.size());
        boolean changed = false;
        for (Block b : blocks) {
            List<Paragraph> ps = new ArrayList<>(b.paragraphs().size());
            boolean blockChanged = false;
            for (Paragraph p : b.paragraphs()) {
                List<Line> ls = new ArrayList<>(p.lines().size());
                boolean paraChanged = false;
                for (Line l : p.lines()) {
                    Line now = f.apply(l);
                    paraChanged |= now != l;
                    if (now != null) {
                        ls.add(now);
                    }
                }
                if (!paraChanged) {
                    ps.add(p);
                } else {
                    blockChanged = true;
                    if (!ls.isEmpty()) {
                        ps.add(new Paragraph(p.box(), ls));
                    }
                }
            }
            if (!blockChanged) {
                out.add(b);
            } else {
                changed = true;
                if (!ps.isEmpty()) {
                    out.add(new Block(b.box(), ps, b.region()));
                }
            }
        }
        return changed ? new PageTree(out) : this;
    }

    /** The tree with every box (blocks', paragraphs', lines', words', glyphs') mapped by {@code f}. */
    public PageTree mapBoxes(UnaryOperator<Box> f) {
        return new PageTree(blocks.stream().map(b -> b.mapBoxes(f)).toList());
    }

    /** The tree with every block marked as read in region {@code n} (see {@link Block#region()}). */
    public PageTree inRegion(int n) {
        return new PageTree(blocks.stream().map(b -> b.inRegion(n)).toList());
    }

    /** This tree's blocks followed by another's. */
    public PageTree append(PageTree other) {
        if (other.isEmpty()) {
            return this;
        }
        List<Block> all = new ArrayList<>(blocks);
        all.addAll(other.blocks);
        return new PageTree(all);
    }
}
