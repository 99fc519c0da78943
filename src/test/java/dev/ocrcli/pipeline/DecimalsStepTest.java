package dev.ocrcli.pipeline;

import org.junit.jupiter.api.Test;

import static dev.ocrcli.pipeline.GuttersStepTest.block;
import static dev.ocrcli.pipeline.GuttersStepTest.line;
import static dev.ocrcli.pipeline.GuttersStepTest.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the {@code decimals} step finds a page's decimal mark and writes its few odd amounts with it, on trees made by hand. */
class DecimalsStepTest {
    @Test
    void theFewAmountsReadWithACommaOnAPageOfDecimalPointsGetThePoint() {
        Reading r = reading(block(line(0, 0, "Rice 2 1.50 3.00"), line(40, 0, "Tea 1 4.25 4,25"), line(80, 0, "Total: 7,25 RM"),
                line(120, 0, "Paid 10.00 Change 2.75 Tax 0.45")));
        ReadingStep.Outcome o = new DecimalsStep().apply(r, null);
        assertTrue(o.applied());
        assertEquals("Rice 2 1.50 3.00\nTea 1 4.25 4.25\nTotal: 7.25 RM\nPaid 10.00 Change 2.75 Tax 0.45\n", o.reading().tree().text());
        assertEquals("6 amounts with a decimal point, 2 with a decimal comma; commas written as the page's decimal point in 2 lines",
                o.detail());
        assertSame(r.tree().lines().get(0), o.reading().tree().lines().get(0), "a line with nothing to change stays the same object");
    }

    @Test
    void aPageOfDecimalCommasGetsTheCommaWhereAFewReadAsPoints() {
        Reading r = reading(block(line(0, 0, "Brot 2,50 EUR"), line(40, 0, "Milch 1,19 Butter 2.29"), line(80, 0, "Summe 5,98")));
        assertEquals("Brot 2,50 EUR\nMilch 1,19 Butter 2,29\nSumme 5,98\n", new DecimalsStep().apply(r, null).reading().tree().text());
    }

    @Test
    void withoutAClearMajorityNothingChanges() {
        // two of each, and three against two: a page may print both ways (two currencies' prices)
        Reading even = reading(block(line(0, 0, "USD 1.50 2.75 EUR 1,40 2,55")));
        assertFalse(new DecimalsStep().apply(even, null).applied());
        Reading close = reading(block(line(0, 0, "1.50 2.75 3.10 1,40 2,55")));
        assertFalse(new DecimalsStep().apply(close, null).applied());
        // all amounts one way: nothing to do
        assertFalse(new DecimalsStep().apply(reading(block(line(0, 0, "1.50 2.75 3.10"))), null).applied());
    }

    @Test
    void onlyAmountsWithTwoDecimalsCountOrChange() {
        // thousands (1,250), one decimal (3,5), dates and times (12.05.2024, 09:28) are no amounts
        Reading r = reading(block(line(0, 0, "1.50 2.75 3.10 total 1,250 3,5 12.05.2024 09:28 (4,20) -0,50 RM5,00 $7,10%"),
                line(40, 0, "4.00 5.00 6.00 7.00 8.00 9.00")));
        assertEquals("1.50 2.75 3.10 total 1,250 3,5 12.05.2024 09:28 (4.20) -0.50 RM5,00 $7.10%\n4.00 5.00 6.00 7.00 8.00 9.00\n",
                new DecimalsStep().apply(r, null).reading().tree().text());
        assertEquals("(4.20)", DecimalsStep.withMark("(4,20)", '.'));
        assertEquals("12,50,", DecimalsStep.withMark("12.50,", ','));
        assertEquals(0, DecimalsStep.mark(2, 0));
        assertEquals('.', DecimalsStep.mark(3, 1));
        assertEquals(0, DecimalsStep.mark(5, 2));
    }
}
