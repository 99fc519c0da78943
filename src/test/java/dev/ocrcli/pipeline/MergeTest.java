package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging a second reading into the first by geometry. */
class MergeTest {
    private static Line line(int y, Object... textAndX) {
        return BarsStepTest.line(y, textAndX);
    }

    @Test
    void wordsOverlappingNothingKeptAreAddedInReadingOrder() {
        // the layout read two paragraphs of body text and missed a line-number column at the left
        PageTree first = PageTree.ofLines(List.of(line(100, "Body", 200, "text", 260), line(300, "More", 200, "text", 260)));
        PageTree second = PageTree.ofLines(List.of(
                line(100, "1", 20, "Body", 201, "text", 259),   // the column's 1 is new, the body words are read again
                line(300, "2", 20, "More", 199, "text", 261),
                line(500, "Footer", 200)));
        PageTree merged = Merge.addUncovered(first, second, 0.3);
        assertEquals(7, merged.words().size());
        assertEquals("Body text\n\nMore text\n\n1\n\n2\n\nFooter\n", merged.text(),
                "the column's words come after the block they share no columns with; the footer below all");
    }

    @Test
    void aBlockGoesBeforeTheFirstBlockBelowItInItsColumns() {
        PageTree first = new PageTree(List.of(
                dev.ocrcli.result.Block.of(List.of(dev.ocrcli.result.Paragraph.of(List.of(line(100, "Title", 200))))),
                dev.ocrcli.result.Block.of(List.of(dev.ocrcli.result.Paragraph.of(List.of(line(500, "Closing", 200)))))));
        PageTree second = PageTree.ofLines(List.of(line(300, "Middle", 200)));
        assertEquals("Title\n\nMiddle\n\nClosing\n", Merge.addUncovered(first, second, 0.3).text());
    }

    @Test
    void nothingNewKeepsTheSameTree() {
        PageTree first = PageTree.ofLines(List.of(line(100, "Same", 200)));
        assertSame(first, Merge.addUncovered(first, PageTree.ofLines(List.of(line(100, "Sane", 202))), 0.3));
    }

    @Test
    void overlapIsMeasuredOnTheSmallerBox() {
        Box big = new Box(0, 0, 100, 100);
        assertTrue(Merge.overlap(big, new Box(10, 10, 20, 20), 0.9), "a small box inside a big one overlaps it wholly");
        assertFalse(Merge.overlap(big, new Box(95, 0, 195, 100), 0.1), "a 5% sliver is not an overlap at 10%");
        assertFalse(Merge.overlap(big, new Box(100, 0, 200, 100), 0), "touching edges share no pixel");
    }
}
