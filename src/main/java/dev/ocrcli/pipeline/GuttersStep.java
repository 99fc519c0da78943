package dev.ocrcli.pipeline;

import dev.ocrcli.result.Block;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Paragraph;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gutters} step: joins the lines Tesseract's layout analysis cut in two at a column
 * gutter that is not one. In monospaced type the spaces of consecutive lines can fall in the same
 * column ({@code Ŀ and ŀ: the} above {@code Ҕ and ҕ in}); the layout takes the white strip they
 * make for a gutter and reads the page as narrow blocks side by side, so the plain text gives
 * {@code Ŀ and}, {@code Ҕ and}, then {@code ŀ:}, {@code ҕ}, then the rest of each line.
 *
 * <p>Evidence is geometry, line by line: a block's lines are joined to the lines on their left
 * when every one of them has a line of another block of its own standing on the same row, after a
 * gap no wider than {@value #GAP_WORDS} times the typical space between words of the blocks
 * involved (each line's narrowest, so a table's cell gaps do not count). A block of one line
 * gives no strip of spaces one above the other to go by, only its own gap, so that gap must look
 * like an ordinary space: at most {@value #GAP_WORDS_ONE_LINE} spaces (a stray word or a caption
 * a few spaces right of a column stays apart). A real column gutter is many spaces wide, and a
 * real column has lines of its own where its neighbour has none; either keeps the blocks apart.
 * The page's words are not changed, only which line holds them.
 */
final class GuttersStep implements ReadingStep {
    /** The widest gap, in the blocks' median space between words, that still joins two lines. */
    static final double GAP_WORDS = 2.5;
    /** Spaces between words the two blocks must show before their spacing is trusted. */
    static final int MIN_SPACES = 3;
    /** The same for a block of one line, whose gap is its only evidence. */
    static final double GAP_WORDS_ONE_LINE = 1.5;

    @Override
    public String name() {
        return "gutters";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        List<Block> blocks = new ArrayList<>(r.tree().blocks());
        int joined = 0;
        boolean again = true;
        while (again) {
            again = false;
            for (int j = 0; j < blocks.size() && !again; j++) {
                Map<Line, Line> partners = partners(blocks, j);
                if (partners != null) {
                    blocks = join(blocks, j, partners);
                    joined++;
                    again = true;
                }
            }
        }
        String detail = joined + " blocks joined to the lines on their left";
        return joined == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(new PageTree(blocks)), true, detail);
    }

    /**
     * For every line of block {@code j}, the line of another block that it continues: the nearest
     * line on its left standing on the same row; null unless every line of the block has one of
     * its own, each after a gap of at most {@value #GAP_WORDS} spaces ({@value #GAP_WORDS_ONE_LINE}
     * for a block of one line).
     */
    static Map<Line, Line> partners(List<Block> blocks, int j) {
        Block right = blocks.get(j);
        Map<Line, Line> partners = new IdentityHashMap<>();
        Map<Line, Block> taken = new IdentityHashMap<>();
        int widest = 0;
        for (Line l : right.lines()) {
            Box a = words(List.of(l));
            Line best = null;
            Block from = null;
            int bestGap = Integer.MAX_VALUE;
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                int middle = (a.y0() + a.y1()) / 2;
                if (i == j || b.region() != right.region() || middle <= b.box().y0() || middle >= b.box().y1()) {
                    continue;
                }
                for (Line c : b.lines()) {
                    Box cb = words(List.of(c));
                    int gap = a.x0() - cb.x1();
                    if (gap >= 0 && gap < bestGap && sameRow(a, cb)) {
                        best = c;
                        from = b;
                        bestGap = gap;
                    }
                }
            }
            if (best == null || taken.containsKey(best)) {
                return null;
            }
            taken.put(best, from);
            partners.put(l, best);
            widest = Math.max(widest, bestGap);
        }
        List<Block> involved = new ArrayList<>(List.of(right));
        taken.values().stream().distinct().forEach(involved::add);
        double space = space(involved);
        double most = right.lines().size() > 1 ? GAP_WORDS : GAP_WORDS_ONE_LINE;
        return !Double.isNaN(space) && widest <= most * space ? partners : null;
    }

    /** Whether two boxes stand on one row: each one's middle inside the other's height. */
    static boolean sameRow(Box a, Box b) {
        int ma = (a.y0() + a.y1()) / 2;
        int mb = (b.y0() + b.y1()) / 2;
        return ma > b.y0() && ma < b.y1() && mb > a.y0() && mb < a.y1();
    }

    /**
     * The typical space between words of the blocks' lines: the median over lines of each line's
     * narrowest gap between neighbouring words, so that the wide gaps between a table's cells do
     * not pass for spaces; NaN with fewer than {@value #MIN_SPACES} gaps in all.
     */
    static double space(List<Block> blocks) {
        List<Integer> narrowest = new ArrayList<>();
        int gaps = 0;
        for (Block b : blocks) {
            for (Line l : b.lines()) {
                List<Word> ws = l.words();
                int least = Integer.MAX_VALUE;
                for (int k = 1; k < ws.size(); k++) {
                    int g = ws.get(k).box().x0() - ws.get(k - 1).box().x1();
                    if (g > 0) {
                        least = Math.min(least, g);
                        gaps++;
                    }
                }
                if (least < Integer.MAX_VALUE) {
                    narrowest.add(least);
                }
            }
        }
        if (gaps < MIN_SPACES) {
            return Double.NaN;
        }
        int[] a = narrowest.stream().mapToInt(Integer::intValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }

    /** The box around the lines' words (a line's own box may be wider than its words). */
    private static Box words(List<Line> lines) {
        List<Box> boxes = new ArrayList<>();
        for (Line l : lines) {
            for (Word w : l.words()) {
                boxes.add(w.box());
            }
        }
        return Box.around(boxes);
    }

    /** The blocks without block {@code j}, each of its lines appended to its partner line. */
    static List<Block> join(List<Block> blocks, int j, Map<Line, Line> partners) {
        Map<Line, Line> tail = new IdentityHashMap<>();
        partners.forEach((r, l) -> tail.put(l, r));
        List<Block> out = new ArrayList<>(blocks.size() - 1);
        for (int i = 0; i < blocks.size(); i++) {
            if (i != j) {
                out.add(join(blocks.get(i), tail));
            }
        }
        return out;
    }

    /** The block with the lines of {@code tail}'s keys continued by their values. */
    private static Block join(Block block, Map<Line, Line> tail) {
        List<Paragraph> ps = new ArrayList<>(block.paragraphs().size());
        Box box = block.box();
        boolean changedBlock = false;
        for (Paragraph p : block.paragraphs()) {
            List<Line> ls = new ArrayList<>(p.lines().size());
            Box pbox = p.box();
            boolean changed = false;
            for (Line l : p.lines()) {
                Line r = tail.get(l);
                if (r == null) {
                    ls.add(l);
                } else {
                    List<Word> ws = new ArrayList<>(l.words());
                    ws.addAll(r.words());
                    Line whole = new Line(l.box().union(r.box()), ws);
                    ls.add(whole);
                    pbox = pbox.union(whole.box());
                    changed = true;
                }
            }
            ps.add(changed ? new Paragraph(pbox, ls) : p);
            box = box.union(pbox);
            changedBlock |= changed;
        }
        return changedBlock ? new Block(box, ps, block.region()) : block;
    }
}
