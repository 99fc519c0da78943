package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** How the {@code vote} step decides a word from the other readings at its place. */
class VoteStepTest {
    private static final Box AT = new Box(100, 50, 220, 80);

    private static Word word(String text, double conf, Box box) {
        return new Word(text, conf, box, Origin.layout("eng"), List.of());
    }

    /** A reading holding one word at {@code box}. */
    private static PageTree reading(String text, double conf, Box box) {
        return PageTree.ofLines(List.of(new Line(box, List.of(word(text, conf, box)))));
    }

    @Test
    void moreReadingsForAnotherTextReplaceTheWord() {
        Word first = word("TANAN", 70, AT);
        Word v = VoteStep.decide(first, List.of(reading("TAMAN", 85, AT), reading("TAMAN", 80, new Box(102, 51, 221, 79)),
                PageTree.EMPTY));
        assertEquals("TAMAN", v.text());
        assertEquals(82.5, v.confidence(), 1e-9, "the mean of the readings that hold it");
        assertEquals(AT, v.box(), "the first reading's box");
        assertEquals("vote", v.origin().reading());
    }

    @Test
    void aTieKeepsTheFirstReading() {
        Word first = word("POWDER", 75, AT);
        assertSame(first, VoteStep.decide(first, List.of(reading("PONDER", 90, AT), reading("POWDER", 70, AT))));
    }

    @Test
    void aLessConfidentMajorityKeepsTheFirstReading() {
        Word first = word("3RD", 92, AT);
        assertSame(first, VoteStep.decide(first, List.of(reading("SRD", 60, AT), reading("SRD", 55, AT))));
    }

    @Test
    void aReadingThatSplitsTheWordDoesNotVote() {
        Word first = word("TANAN", 70, AT);
        PageTree split = PageTree.ofLines(List.of(new Line(AT, List.of(word("TA", 90, new Box(100, 50, 150, 80)),
                word("MAN", 90, new Box(155, 50, 220, 80))))));
        assertSame(first, VoteStep.decide(first, List.of(split, reading("TAMAN", 85, AT))), "one vote against the first's own");
    }

    @Test
    void aWordElsewhereDoesNotVote() {
        Word first = word("TANAN", 70, AT);
        assertSame(first, VoteStep.decide(first, List.of(reading("TAMAN", 85, new Box(400, 50, 520, 80)),
                reading("TAMAN", 85, new Box(400, 50, 520, 80)))));
    }
}
