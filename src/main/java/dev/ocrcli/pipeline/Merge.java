package dev.ocrcli.pipeline;

import dev.ocrcli.result.Block;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Paragraph;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Merging another reading of the same image into the one at hand, by geometry alone: a reading
 * step keeps what was read, replaces it, or adds the words of the other reading whose boxes
 * overlap nothing kept (text the first reading left out: a line-number column, a table cell, a
 * figure's label).
 */
public final class Merge {
    private Merge() {
    }

    /**
     * Whether two boxes share more than {@code share} of the smaller one's area.
     *
     * @param share 0..1; 0 means any shared pixel
     */
    public static boolean overlap(Box a, Box b, double share) {
        long common = a.intersection(b);
        return common > 0 && common > share * Math.min(a.area(), b.area());
    }

    /**
     * {@code base} with the words of {@code other} that overlap no word of {@code base} (by more than
     * {@code share} of the smaller box) added: each line of {@code other} that keeps at least one such
     * word becomes a paragraph of its own, in a block placed among {@code base}'s blocks in reading
     * order by position (before the first block that starts below it, among those it shares columns
     * with). The same tree when nothing is added.
     */
    public static PageTree addUncovered(PageTree base, PageTree other, double share) {
        List<Word> kept = base.words();
        List<Line> added = new ArrayList<>();
        for (Line l : other.lines()) {
            List<Word> fresh = l.words().stream().filter(w -> kept.stream().noneMatch(k -> overlap(k.box(), w.box(), share))).toList();
            if (!fresh.isEmpty()) {
                Box around = Box.around(fresh.stream().map(Word::box).toList());
                added.add(new Line(around, fresh));
            }
        }
        if (added.isEmpty()) {
            return base;
        }
        List<Block> blocks = new ArrayList<>(base.blocks());
        for (Line l : added) {
            Block b = Block.of(List.of(Paragraph.of(List.of(l))));
            blocks.add(insertionPoint(blocks, l.box()), b);
        }
        return new PageTree(blocks);
    }

    /**
     * Where a block at {@code box} goes in reading order: before the first block that shares its
     * columns and starts below its middle; after the last block when none does.
     */
    static int insertionPoint(List<Block> blocks, Box box) {
        int middle = (box.y0() + box.y1()) / 2;
        for (int i = 0; i < blocks.size(); i++) {
            Box b = blocks.get(i).box();
            boolean sharesColumns = Math.min(b.x1(), box.x1()) > Math.max(b.x0(), box.x0());
            if (sharesColumns && b.y0() > middle) {
                return i;
            }
        }
        return blocks.size();
    }
}
