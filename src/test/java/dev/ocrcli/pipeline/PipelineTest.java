package dev.ocrcli.pipeline;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Orientation;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.StepReport;
import dev.ocrcli.result.Word;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each preprocessing step on an image made for it: the page reads right with the step and
 * wrong without it (where Tesseract cannot cope by itself), and boxes land on the original.
 */
class PipelineTest {
    static final List<String> TEXT = List.of("Shipment 4417 left Rotterdam on Friday", "and reaches the warehouse next week.");
    static final String EXPECTED = String.join("\n", TEXT);

    static OcrEngine auto;
    static OcrEngine none;

    @BeforeAll
    static void engines() {
        auto = OcrEngine.builder().languages("eng").build();
        none = OcrEngine.builder().languages("eng").preprocess("none").build();
    }

    @AfterAll
    static void close() {
        auto.close();
        none.close();
    }

    static String read(OcrEngine e, GrayImage img) {
        return e.recognize(OcrInput.of("t", img, 0)).text().strip().replaceAll("\n+", "\n");
    }

    static GrayImage page() {
        return GrayImage.from(TestImages.render(TEXT));
    }

    static GrayImage rotated(BufferedImage src, double degrees) {
        double r = Math.toRadians(degrees);
        int w = (int) Math.ceil(Math.abs(src.getWidth() * Math.cos(r)) + Math.abs(src.getHeight() * Math.sin(r)));
        int h = (int) Math.ceil(Math.abs(src.getWidth() * Math.sin(r)) + Math.abs(src.getHeight() * Math.cos(r)));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(w / 2.0, h / 2.0);
        t.rotate(r);
        t.translate(-src.getWidth() / 2.0, -src.getHeight() / 2.0);
        g.drawImage(src, t, null);
        g.dispose();
        return GrayImage.from(out);
    }

    static boolean applied(OcrResult r, String step) {
        for (StepReport s : r.pages().get(0).preprocessing()) {
            if (s.step().equals(step) && s.applied()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void cleanPagePassesThroughUnchanged() {
        OcrResult r = auto.recognize(OcrInput.of("clean", page(), 0));
        assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"));
        for (StepReport s : r.pages().get(0).preprocessing()) {
            assertTrue(!s.applied(), "a clean upright page needs no step, but " + s);
        }
    }

    @Test
    void deskewStraightensTwelveDegreesEitherWay() {
        BufferedImage src = TestImages.render(TEXT);
        for (double deg : new double[] {12, -12, 18}) {
            GrayImage skewed = rotated(src, deg);
            assertEquals(deg, DeskewStep.estimateDegrees(skewed), 0.3, "estimated skew");
            assertNotEquals(EXPECTED, read(none, skewed), "without deskew");
            OcrResult r = auto.recognize(OcrInput.of("skewed", skewed, 0));
            assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"), "with deskew at " + deg);
            assertTrue(applied(r, "deskew"));
            // each word's box is where that word lies on the skewed page: the upright page's box of
            // the same word, turned by the same angle (the box of its turned corners)
            List<Word> upright = none.recognize(OcrInput.of("upright", GrayImage.from(src), 0)).words();
            assertEquals(upright.size(), r.words().size());
            for (int i = 0; i < upright.size(); i++) {
                dev.ocrcli.result.Box want = turned(upright.get(i).box(), src.getWidth(), src.getHeight(), skewed.width(), skewed.height(), deg);
                dev.ocrcli.result.Box got = r.words().get(i).box();
                int tol = 4 + (int) Math.round(0.25 * want.height());
                assertTrue(Math.abs(got.x0() - want.x0()) <= tol && Math.abs(got.y0() - want.y0()) <= tol
                        && Math.abs(got.x1() - want.x1()) <= tol && Math.abs(got.y1() - want.y1()) <= tol,
                        deg + " deg: word " + r.words().get(i).text() + " at " + got + ", expected about " + want);
            }
        }
    }

    /** The box around {@code b} (on a {@code w x h} page) turned as {@link #rotated} turns the page onto a {@code tw x th} canvas. */
    static dev.ocrcli.result.Box turned(dev.ocrcli.result.Box b, int w, int h, int tw, int th, double degrees) {
        AffineTransform t = new AffineTransform();
        t.translate(tw / 2.0, th / 2.0);
        t.rotate(Math.toRadians(degrees));
        t.translate(-w / 2.0, -h / 2.0);
        double[] pts = {b.x0(), b.y0(), b.x1(), b.y0(), b.x0(), b.y1(), b.x1(), b.y1()};
        t.transform(pts, 0, pts, 0, 4);
        double x0 = Math.min(Math.min(pts[0], pts[2]), Math.min(pts[4], pts[6]));
        double x1 = Math.max(Math.max(pts[0], pts[2]), Math.max(pts[4], pts[6]));
        double y0 = Math.min(Math.min(pts[1], pts[3]), Math.min(pts[5], pts[7]));
        double y1 = Math.max(Math.max(pts[1], pts[3]), Math.max(pts[5], pts[7]));
        return new dev.ocrcli.result.Box((int) Math.floor(x0), (int) Math.floor(y0), (int) Math.ceil(x1), (int) Math.ceil(y1));
    }

    @Test
    void orientationCheckTurnsPagesTheRightWayUp() {
        for (int turn : new int[] {270, 180}) {
            assertTurnedBack(none, auto, turn);
        }
        // Tesseract itself copes with a page turned 90 degrees clockwise: it takes the lines for
        // vertical text. With that switched off it misreads the page, and only the step can turn it.
        try (OcrEngine noneFlat = OcrEngine.builder().languages("eng").preprocess("none").variable("textord_tabfind_vertical_text", "0").build();
             OcrEngine autoFlat = OcrEngine.builder().languages("eng").variable("textord_tabfind_vertical_text", "0").build()) {
            assertTurnedBack(noneFlat, autoFlat, 90);
        }
    }

    /** Tesseract alone misreads the page turned clockwise by {@code turn}; the orient step reads it, and the boxes land on the turned page. */
    private static void assertTurnedBack(OcrEngine plain, OcrEngine withSteps, int turn) {
        GrayImage turned = Orientation.rotateClockwise(page(), turn);
        assertNotEquals(EXPECTED, read(plain, turned), "without the orientation check, turned " + turn);
        OcrResult r = withSteps.recognize(OcrInput.of("turned", turned, 0));
        assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"), "turned " + turn);
        assertTrue(applied(r, "orient"), "turned " + turn + ": " + r.pages().get(0).preprocessing());
        // every word's box is the upright page's box of that word, turned as the page was
        List<Word> upright = none.recognize(OcrInput.of("upright", page(), 0)).words();
        assertEquals(upright.size(), r.words().size());
        for (int i = 0; i < upright.size(); i++) {
            dev.ocrcli.result.Box u = upright.get(i).box();
            int w = page().width();
            int h = page().height();
            dev.ocrcli.result.Box want = switch (turn) {
                case 90 -> new dev.ocrcli.result.Box(h - u.y1(), u.x0(), h - u.y0(), u.x1());
                case 180 -> new dev.ocrcli.result.Box(w - u.x1(), h - u.y1(), w - u.x0(), h - u.y0());
                default -> new dev.ocrcli.result.Box(u.y0(), w - u.x1(), u.y1(), w - u.x0());
            };
            dev.ocrcli.result.Box got = r.words().get(i).box();
            assertTrue(Math.abs(got.x0() - want.x0()) <= 3 && Math.abs(got.y0() - want.y0()) <= 3
                    && Math.abs(got.x1() - want.x1()) <= 3 && Math.abs(got.y1() - want.y1()) <= 3,
                    "turned " + turn + ": " + r.words().get(i).text() + " at " + got + ", expected " + want);
        }
    }

    @Test
    void boxesOfATurnedReadingMapBackToTheImageAsGiven() {
        // a dot at (x, y) of a w x h image, turned clockwise: turnBack must carry it home for every turn
        int w = 40;
        int h = 25;
        for (int turn : new int[] {90, 180, 270}) {
            for (int[] p : new int[][] {{3, 7}, {38, 1}, {20, 24}}) {
                byte[] px = new byte[w * h];
                java.util.Arrays.fill(px, (byte) 255);
                px[p[1] * w + p[0]] = 0;
                GrayImage t = Orientation.rotateClockwise(new GrayImage(w, h, px), turn);
                int at = -1;
                for (int i = 0; i < t.pixels().length; i++) {
                    at = t.pixels()[i] == 0 ? i : at;
                }
                dev.ocrcli.result.Box dot = new dev.ocrcli.result.Box(at % t.width(), at / t.width(), at % t.width() + 1, at / t.width() + 1);
                assertEquals(new dev.ocrcli.result.Box(p[0], p[1], p[0] + 1, p[1] + 1), OrientStep.turnBack(turn, w, h).map(dot, w, h),
                        "turn " + turn + ", dot at " + p[0] + "," + p[1]);
            }
        }
    }

    @Test
    void rescaleMakesTinyTextReadable() {
        GrayImage tiny = GrayImage.from(TestImages.render(TEXT, 8));
        assertNotEquals(EXPECTED, read(none, tiny), "without rescale");
        OcrResult r = auto.recognize(OcrInput.of("tiny", tiny, 0));
        assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"));
        assertTrue(applied(r, "rescale"));
        for (Word w : r.words()) {
            assertTrue(w.box().x1() <= tiny.width() && w.box().y1() <= tiny.height() && w.box().height() < 15, "boxes in tiny pixels: " + w);
        }
    }

    @Test
    void savePreprocessedWritesTheImageTheEngineRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        BufferedImage tiny = TestImages.render(TEXT, 8);
        java.nio.file.Path in = TestImages.write(tmp, "tiny.png", TestImages.encode(tiny, "png"));
        java.nio.file.Path saved = tmp.resolve("seen.png");
        dev.ocrcli.testing.Cli.Run run = dev.ocrcli.testing.Cli.run(in.toString(), "-f", "json", "--save-preprocessed", saved.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String rescale = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.stdout()).at("/pages/0/preprocessing").findParents("step")
                .stream().filter(n -> n.get("step").asText().equals("rescale")).findFirst().orElseThrow().get("detail").asText();
        double scale = Double.parseDouble(rescale.replaceAll(".*scaled x", ""));
        BufferedImage seen = javax.imageio.ImageIO.read(saved.toFile());
        assertEquals(tiny.getWidth() * scale, seen.getWidth(), 0.02 * seen.getWidth() + 2, "the saved image is the rescaled one: " + rescale);
        assertEquals(tiny.getHeight() * scale, seen.getHeight(), 0.02 * seen.getHeight() + 2);
        try (OcrEngine plain = OcrEngine.builder().languages("eng").preprocess("none").build()) {
            assertEquals(EXPECTED, read(plain, GrayImage.from(seen)), "and it is what reads right");
        }
    }

    @Test
    void hugeTextIsReducedAndMaxSizeNeverShrinksTextBelowReadable() {
        GrayImage huge = GrayImage.from(TestImages.render(List.of("Large print"), 300));
        OcrResult r = auto.recognize(OcrInput.of("huge", huge, 0));
        assertEquals("Large print", r.text().strip());
        assertTrue(applied(r, "rescale"));
        try (OcrEngine capped = OcrEngine.builder().languages("eng").maxImageSize(200).build()) {
            List<GrayImage> seen = new java.util.ArrayList<>();
            OcrResult c = capped.recognize(OcrInput.of("page", page(), 0), List.of(), seen::add);
            assertEquals(EXPECTED, c.text().strip().replaceAll("\n+", "\n"), "a 200 px cap would make this text unreadable; the floor keeps it");
            assertTrue(Math.max(seen.get(0).width(), seen.get(0).height()) < Math.max(page().width(), page().height()),
                    "the image read was shrunk towards the cap: " + seen.get(0).width() + "x" + seen.get(0).height());
            assertTrue(Analysis.glyphHeight(seen.get(0)) >= RescaleStep.READABLE - 1,
                    "but its text stayed readable: glyph height " + Analysis.glyphHeight(seen.get(0)));
        }
        GrayImage big = GrayImage.from(TestImages.render(TEXT, 60));
        try (OcrEngine capped = OcrEngine.builder().languages("eng").maxImageSize(900).build()) {
            List<GrayImage> seen = new java.util.ArrayList<>();
            OcrResult c = capped.recognize(OcrInput.of("big", big, 0), List.of(), seen::add);
            assertTrue(big.width() > 900 && Math.max(seen.get(0).width(), seen.get(0).height()) <= 900,
                    "a " + big.width() + " px page is read at 900 px or less: " + seen.get(0).width());
            assertEquals(EXPECTED, c.text().strip().replaceAll("\n+", "\n"));
            for (Word w : c.words()) {
                assertTrue(w.box().x1() > 0 && w.box().x1() <= big.width(), "boxes in the original's pixels: " + w);
            }
            assertTrue(c.words().get(c.words().size() - 1).box().x1() > 900, "the last word ends beyond the cap, on the original");
        }
    }

    @Test
    void normalizeRescuesShadedPages() {
        // text whose darkness follows a strong left-to-right shadow: one global threshold cannot separate it
        GrayImage clean = page();
        int w = clean.width();
        byte[] p = new byte[clean.pixels().length];
        for (int y = 0; y < clean.height(); y++) {
            for (int x = 0; x < w; x++) {
                double paper = 250 - 170.0 * x / w;
                double ink = clean.get(x, y) / 255.0;
                p[y * w + x] = (byte) Math.round(paper * (0.55 + 0.45 * ink));
            }
        }
        GrayImage shaded = new GrayImage(w, clean.height(), p);
        assertNotEquals(EXPECTED, read(none, shaded), "without normalisation");
        OcrResult r = auto.recognize(OcrInput.of("shaded", shaded, 0));
        assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"));
        assertTrue(applied(r, "normalize"));
    }

    /** A small parts table: a header row and three rows of a name, a quantity and a price. */
    static final String[][] PARTS = {{"Part", "Quantity", "Price"}, {"Bolt", "1200", "0.35"}, {"Washer", "800", "0.05"}, {"Nut", "950", "0.12"}};

    /** Every word of a table's cells. */
    static java.util.Set<String> words(String[][] cells) {
        java.util.Set<String> want = new java.util.TreeSet<>();
        for (String[] row : cells) {
            want.addAll(List.of(row));
        }
        return want;
    }

    /** A graphics on the image, painted white, drawing black with antialiased text. */
    static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    /** A ruled table: every cell boxed by 3 px rules, three pixels from its word. */
    static GrayImage ruledTable(String[][] cells) {
        int cw = 180;
        int ch = 40;
        int m = 30;
        BufferedImage img = new BufferedImage(2 * m + cells[0].length * cw, 2 * m + cells.length * ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(new java.awt.Font(TestImages.FONT, java.awt.Font.PLAIN, 28));
        g.setStroke(new java.awt.BasicStroke(3));
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                int x = m + c * cw;
                int y = m + r * ch;
                g.drawRect(x, y, cw, ch);
                g.drawString(cells[r][c], x + 3, y + ch - 9);
            }
        }
        g.dispose();
        return GrayImage.from(img);
    }

    @Test
    void rulesAreRemovedSoTableCellsReadAsWords() {
        String[][] cells = PARTS;
        GrayImage table = ruledTable(cells);
        java.util.Set<String> want = words(cells);
        java.util.Set<String> without = new java.util.TreeSet<>(List.of(read(none, table).split("\\s+")));
        assertNotEquals(want, without, "without the step the rules come back as text or hide cells");
        OcrResult r = auto.recognize(OcrInput.of("table", table, 0));
        assertEquals(want, new java.util.TreeSet<>(List.of(r.text().strip().split("\\s+"))), r.text());
        assertTrue(applied(r, "rules"));
    }

    /** The {@code rules} report's two scores: {without rules, with them}. */
    static double[] rulesScores(OcrResult r) {
        StepReport s = r.pages().get(0).preprocessing().stream().filter(x -> x.step().equals("rules")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("score (\\d+) without rules, (\\d+) with them").matcher(s.detail());
        assertTrue(m.find(), s.detail());
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void rulesAreRemovedOnlyWhereThePageReadsBetterWithoutThem() {
        try (OcrEngine rules = OcrEngine.builder().languages("eng").preprocess("rules").build()) {
            // a ruled table: better without its rules, and read so
            OcrResult table = rules.recognize(OcrInput.of("table", ruledTable(PARTS), 0));
            double[] t = rulesScores(table);
            assertTrue(applied(table, "rules") && t[0] > t[1], java.util.Arrays.toString(t));
            assertEquals(words(PARTS), new java.util.TreeSet<>(List.of(table.text().strip().split("\\s+"))));
            // a form whose lines are written on rules running into a frame: the rules go through the
            // descenders, and painting them over takes strokes of the text with them
            BufferedImage img = new BufferedImage(1500, 560, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas(img);
            g.setFont(new java.awt.Font(TestImages.FONT, java.awt.Font.PLAIN, 34));
            g.setStroke(new java.awt.BasicStroke(3));
            g.drawRect(30, 30, 1440, 500);
            String[] lines = {"Applying quickly, Gregory typed my query", "Happy puppy, jolly geography, glossy yoyo", "Trying jiggly pygmy hippy poppy gypsy"};
            for (int i = 0; i < lines.length; i++) {
                int y = 140 + i * 150;
                g.drawString(lines[i], 60, y);
                g.drawLine(30, y + 4, 1470, y + 4);
            }
            g.dispose();
            GrayImage form = GrayImage.from(img);
            OcrResult r = rules.recognize(OcrInput.of("form", form, 0));
            double[] f = rulesScores(r);
            // whichever reading is kept is the one that scores higher, and the report says so
            if (f[1] > f[0]) {
                assertTrue(!applied(r, "rules"), "rules stay, so the step did not change the image read");
                assertEquals(read(none, form), r.text().strip().replaceAll("\n+", "\n"), "the reading with the rules is the plain one");
            } else {
                assertTrue(applied(r, "rules"));
            }
        }
    }

    /**
     * A table whose columns are parted by short vertical strokes, one per row and a little taller
     * than its text, with a stroke at each end of the row: borders and column rules broken at every
     * row, as on a photocopied form.
     */
    static GrayImage barredTable(String[][] cells) {
        int cw = 200;
        int ch = 56;
        int bar = 44;
        int m = 40;
        BufferedImage img = new BufferedImage(2 * m + cells[0].length * cw, 2 * m + cells.length * ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(new java.awt.Font(TestImages.FONT, java.awt.Font.PLAIN, 28));
        for (int r = 0; r < cells.length; r++) {
            int base = m + r * ch + 36;
            for (int c = 0; c <= cells[r].length; c++) {
                g.fillRect(m + c * cw, base - 30 - (bar - 38) / 2, 3, bar);
                if (c < cells[r].length) {
                    g.drawString(cells[r][c], m + c * cw + 24, base);
                }
            }
        }
        g.dispose();
        return GrayImage.from(img);
    }

    @Test
    void linesCutAtAFalseGutterOfMonospacedTypeAreJoinedARealGutterIsNot() {
        // the spaces after "Set", "Put", "Map", "Cut" and after "and" line up into white strips
        List<String> lines = List.of("Set and get: the usual pair of calls.", "Put and pop: stack words in a list.",
                "Map and zip: two forms of iteration.", "Cut and paste are what we do often.");
        GrayImage page = GrayImage.from(TestImages.render(lines, 26, "FreeMono"));
        String plain = read(none, page);
        assertFalse(plain.startsWith(lines.get(0)), "Tesseract's layout cuts the lines into columns: " + plain);
        try (OcrEngine gutters = OcrEngine.builder().languages("eng").preprocess("gutters").build()) {
            OcrResult r = gutters.recognize(OcrInput.of("mono", page, 0));
            assertEquals(String.join("\n", lines), r.text().strip().replaceAll("\n+", "\n"));
            assertTrue(applied(r, "gutters"));
            // two columns at least six spaces apart, as Tesseract reads them, stay two columns
            String[] left = {"The first column runs", "down the left side of", "the page in short lines", "of text, as papers and",
                "newsletters print them", "to keep lines short."};
            String[] right = {"and the second column", "runs down the right side", "beside it, with a gutter", "between them that is a",
                "few letters wide and", "white all the way down."};
            List<String> columns = new java.util.ArrayList<>();
            for (int i = 0; i < left.length; i++) {
                columns.add(String.format("%-25s    %s", left[i], right[i]));
            }
            GrayImage twoColumns = GrayImage.from(TestImages.render(columns, 26, "FreeMono"));
            String apart = read(none, twoColumns);
            assertTrue(apart.startsWith("The first column runs\ndown the left"), apart);
            assertEquals(apart, read(gutters, twoColumns));
        }
    }

    @Test
    void barsReadFromTableRulesAreDropped() {
        String[][] cells = PARTS;
        GrayImage table = barredTable(cells);
        java.util.Set<String> want = words(cells);
        String without = read(none, table);
        assertTrue(List.of(without.split("\\s+")).contains("|"), "without the step the rules come back as '|' words: " + without);
        try (OcrEngine bars = OcrEngine.builder().languages("eng").preprocess("bars").build()) {
            OcrResult r = bars.recognize(OcrInput.of("table", table, 0));
            java.util.Set<String> words = new java.util.TreeSet<>(List.of(r.text().strip().split("\\s+")));
            assertTrue(words.stream().noneMatch(w -> w.contains("|")), r.text());
            assertTrue(words.containsAll(want), r.text());
            assertTrue(applied(r, "bars"));
            assertTrue(r.pages().get(0).lines().stream().flatMap(l -> l.words().stream()).noneMatch(w -> w.text().contains("|")));
            // a bar in the middle of a line of text, with none above or below it, is text
            GrayImage pipeline = GrayImage.from(TestImages.render(List.of("cat notes.txt | sort | uniq")));
            String pipe = bars.recognize(OcrInput.of("pipe", pipeline, 0)).text().strip();
            assertEquals(2, List.of(pipe.split(" ")).stream().filter(w -> w.equals("|")).count(), pipe);
            assertEquals(read(none, pipeline), pipe);
        }
    }

    /**
     * A three-column table of part numbers, codes and pages; each code is a number and a letter
     * printed {@code gap} px apart ({@code 13 A}), in a bold serif face at about 28 px.
     */
    static GrayImage codeTable(String[][] rows, double gapShare) {
        BufferedImage img = new BufferedImage(760, 60 + rows.length * 44, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        java.awt.Font font = new java.awt.Font("DejaVu Serif", java.awt.Font.BOLD, 30);
        g.setFont(font);
        java.awt.FontMetrics fm = g.getFontMetrics();
        int cap = fm.getAscent() * 3 / 4;
        for (int r = 0; r < rows.length; r++) {
            int base = 60 + r * 44;
            g.drawString(rows[r][0], 60, base);
            String[] code = rows[r][1].split(" ");
            int x = 260;
            g.drawString(code[0], x, base);
            if (code.length > 1) {
                g.drawString(code[1], x + fm.stringWidth(code[0]) + (int) Math.round(gapShare * cap), base);
            }
            g.drawString(rows[r][2], 560, base);
        }
        g.dispose();
        return GrayImage.from(img);
    }

    static final String[][] CODES = {{"1", "13 A", "88"}, {"2", "13 A", "90"}, {"3", "14 B", "91"}, {"4", "14 B", "92"}, {"5", "13 A", "94"},
        {"6", "14 A", "95"}, {"7", "13 B", "98"}, {"8", "14 A", "99"}, {"9", "13 B", "101"}, {"10", "14 A", "102"}};

    /** The codes of {@link #CODES} found in a reading as the words they are printed as. */
    static long codesFound(String text, boolean apart) {
        List<String> tokens = List.of(text.split("\\s+"));
        String joined = " " + String.join(" ", tokens) + " ";
        long n = 0;
        for (String[] row : CODES) {
            String want = apart ? row[1] : row[1].replace(" ", "");
            n += joined.contains(" " + want + " ") ? 1 : 0;
        }
        return n;
    }

    @Test
    void spacesSplitsCodesGluedAcrossAGap() {
        GrayImage spaced = codeTable(CODES, 0.5);
        GrayImage tight = codeTable(CODES, 0);
        String without = read(none, spaced);
        assertTrue(codesFound(without, true) < CODES.length, "without the step Tesseract glues some codes: " + without);
        try (OcrEngine spaces = OcrEngine.builder().languages("eng").preprocess("spaces").build()) {
            OcrResult r = spaces.recognize(OcrInput.of("codes", spaced, 0));
            assertEquals(CODES.length, codesFound(r.text(), true), r.text());
            assertTrue(applied(r, "spaces"));
            // codes printed as one (13A) stay one word
            String one = read(spaces, tight);
            assertEquals(CODES.length, codesFound(one, false), one);
        }
    }

    @Test
    void aLoneLetterTakesThePageScript() {
        // with eng+rus the lone A and B of the codes may be read as Cyrillic look-alikes; the page around is English
        GrayImage page = GrayImage.from(TestImages.render(List.of("Parts and the tables that list them, from the 1958 catalogue")));
        GrayImage codes = codeTable(CODES, 0.5);
        BufferedImage both = new BufferedImage(Math.max(page.width(), codes.width()), page.height() + codes.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(both);
        g.drawImage(page.toBufferedImage(), 0, 0, null);
        g.drawImage(codes.toBufferedImage(), 0, page.height(), null);
        g.dispose();
        try (OcrEngine e = OcrEngine.builder().languages("eng+rus").preprocess("spaces,scripts").build();
             OcrEngine off = OcrEngine.builder().languages("eng+rus").preprocess("spaces").build()) {
            GrayImage img = GrayImage.from(both);
            String before = off.recognize(OcrInput.of("codes", img, 0)).text();
            String after = e.recognize(OcrInput.of("codes", img, 0)).text();
            assertTrue(before.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC),
                    "without the step some letters come back Cyrillic: " + before);
            assertTrue(after.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC), after);
            assertEquals(CODES.length, codesFound(after, true), after);
        }
    }

    static final String[] CELL_WORDS = {"alpha", "bravo", "delta", "echo", "golf", "hotel", "india", "kilo", "lima", "mike", "oscar",
        "papa", "romeo", "sierra", "tango", "victor", "whisky", "zulu"};

    /**
     * A short paragraph over a table of small cells printed on a blotchy grey background: Tesseract's
     * page layout takes most of the table for a picture and reads little of it.
     */
    static BufferedImage blotchedTable(List<String> cells) {
        BufferedImage img = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 1600, 1000);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(TestImages.FONT, java.awt.Font.PLAIN, 28));
        g.drawString("Quarterly figures for the northern region follow below.", 60, 80);
        g.drawString("Every value was checked twice by the audit team.", 60, 125);
        Random rnd = new Random(7);
        for (int i = 0; i < 400; i++) {
            int grey = 120 + rnd.nextInt(100);
            g.setColor(new java.awt.Color(grey, grey, grey));
            int size = 20 + rnd.nextInt(80);
            g.fillOval(rnd.nextInt(1600), 200 + rnd.nextInt(800), size, size);
        }
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(TestImages.FONT, java.awt.Font.PLAIN, 18));
        for (int i = 0; i < cells.size(); i++) {
            g.drawString(cells.get(i), 60 + (i % 5) * 300, 240 + (i / 5) * 52);
        }
        g.dispose();
        return img;
    }

    static int wordsFound(List<String> wanted, String text) {
        java.util.Map<String, Integer> left = new java.util.HashMap<>();
        for (String w : wanted) {
            for (String part : w.split(" ")) {
                left.merge(part, 1, Integer::sum);
            }
        }
        int found = 0;
        for (String w : text.split("[^\\p{L}\\p{N}]+")) {
            Integer n = left.get(w);
            if (n != null && n > 0) {
                left.put(w, n - 1);
                found++;
            }
        }
        return found;
    }

    @Test
    void sparseRereadsAPageWhoseLayoutLeftTextUnread() {
        List<String> cells = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            cells.add(CELL_WORDS[i % CELL_WORDS.length] + " " + (i * 37 % 100));
        }
        GrayImage page = GrayImage.from(blotchedTable(cells));
        try (OcrEngine withStep = OcrEngine.builder().languages("eng").preprocess("sparse").build()) {
            int without = wordsFound(cells, read(none, page));
            OcrResult r = withStep.recognize(OcrInput.of("blotched", page, 0));
            int with = wordsFound(cells, r.text());
            assertTrue(applied(r, "sparse"), r.pages().get(0).preprocessing().toString());
            assertTrue(with >= 2 * without && with >= 30, "words of the 140 found: " + with + " with the step, " + without + " without");
        }
        // a page the layout reads whole is left alone
        OcrResult plain = auto.recognize(OcrInput.of("plain", page(), 0));
        assertTrue(!applied(plain, "sparse") && plain.text().strip().equals(EXPECTED), plain.text());
    }

    /** A page of small type, blurred and speckled as a poor fax: many words read doubtfully. */
    static GrayImage faxed(List<String> lines) {
        BufferedImage img = TestImages.render(lines, 14);
        java.util.Random rnd = new java.util.Random(17);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 1; y < img.getHeight() - 1; y++) {
            for (int x = 1; x < img.getWidth() - 1; x++) {
                int sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        sum += img.getRaster().getSample(x + dx, y + dy, 0) & 0xff;
                    }
                }
                int v = sum / 9 + (int) (rnd.nextGaussian() * 26);
                out.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, 70 + v * 170 / 255)));
            }
        }
        return GrayImage.from(out);
    }

    static final List<String> FAX = List.of("Invoice 2291 for the spare parts ordered in March", "Total due within thirty days of receipt",
            "Please quote the invoice number with payment", "Questions about this order go to the sales office",
            "Delivery by road freight to the northern depot", "Returned goods must be in their original packing");

    @Test
    void voteRereadsADoubtfulPageAndLosesNoWord() {
        GrayImage page = faxed(FAX);
        try (OcrEngine voting = OcrEngine.builder().languages("eng").preprocess("vote").build()) {
            OcrResult r = voting.recognize(OcrInput.of("fax", page, 0));
            OcrResult plain = none.recognize(OcrInput.of("fax", page, 0));
            String report = r.pages().get(0).preprocessing().toString();
            assertTrue(report.contains("psm 6"), "the page was re-read: " + report);
            int with = wordsFound(FAX, r.text());
            int without = wordsFound(FAX, plain.text());
            assertTrue(with >= without, "words found: " + with + " with the vote, " + without + " without; " + report);
            // changed words say where they came from and keep a box on the page
            r.words().stream().filter(w -> w.origin().reading().equals("vote")).forEach(w ->
                    assertTrue(w.box().x1() <= page.width() && w.box().y1() <= page.height(), w.toString()));
        }
        // a clean page is not read again
        OcrResult clean;
        try (OcrEngine voting = OcrEngine.builder().languages("eng").preprocess("vote").build()) {
            clean = voting.recognize(OcrInput.of("clean", page(), 0));
        }
        assertTrue(!applied(clean, "vote") && !clean.pages().get(0).preprocessing().toString().contains("psm 6"),
                clean.pages().get(0).preprocessing().toString());
    }

    @Test
    void gapsBringsBackALineNumberColumnTheLayoutLeftOut() {
        // a transcript page: a frame, a rule between the line numbers and the text; Tesseract's
        // layout reads the text and leaves the numbers out
        BufferedImage img = new BufferedImage(1600, 1260, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1600, 1260);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawRect(60, 40, 1480, 1160);
        g.drawLine(180, 40, 180, 1200);
        g.setFont(new java.awt.Font("DejaVu Sans Mono", java.awt.Font.PLAIN, 34));
        String[] text = {"A. That was the basement.", "Q. That was also the basement?", "A. Yeah. There was a processing area",
            "I don't get confused now and I don't", "anyone else -- the products, most of", "were mixed or blended on the second",
            "because that was the level of the", "-- the raw stuff was either poured", "in. So this may have been -- when"};
        for (int i = 0; i < text.length; i++) {
            g.drawString(String.valueOf(i + 1), 110, 120 + i * 100);
            g.drawString(text[i], 220, 120 + i * 100);
        }
        g.dispose();
        GrayImage page = GrayImage.from(img);
        List<String> numbers = java.util.stream.IntStream.rangeClosed(1, text.length).mapToObj(String::valueOf).toList();
        List<String> without = none.recognize(OcrInput.of("transcript", page, 0)).words().stream().map(Word::text).toList();
        assertTrue(numbers.stream().filter(without::contains).count() < 3, "the layout alone leaves the numbers out: " + without);
        try (OcrEngine gaps = OcrEngine.builder().languages("eng").preprocess("gaps").build()) {
            OcrResult r = gaps.recognize(OcrInput.of("transcript", page, 0));
            List<String> with = r.words().stream().map(Word::text).toList();
            assertTrue(with.containsAll(numbers), "every line number comes back: " + with);
            assertTrue(with.containsAll(without), "and nothing the layout read is lost");
            assertTrue(applied(r, "gaps"));
            for (Word w : r.words()) {
                if (numbers.contains(w.text())) {
                    int i = Integer.parseInt(w.text()) - 1;
                    assertTrue(w.box().x0() >= 100 && w.box().x1() <= 150 && w.box().y0() > 120 + i * 100 - 40 && w.box().y1() < 120 + i * 100 + 12,
                            "number " + w.text() + " where it is printed: " + w.box());
                    assertEquals("gaps", w.origin().reading());
                }
            }
        }
    }

    @Test
    void denoiseRemovesSpeckle() {
        GrayImage clean = page();
        byte[] p = clean.pixels().clone();
        Random rnd = new Random(11);
        for (int i = 0; i < p.length; i++) {
            double u = rnd.nextDouble();
            if (u < 0.06) {
                p[i] = 0;
            } else if (u < 0.12) {
                p[i] = (byte) 255;
            }
        }
        GrayImage noisy = new GrayImage(clean.width(), clean.height(), p);
        assertNotEquals(EXPECTED, read(none, noisy), "without denoise");
        OcrResult r = auto.recognize(OcrInput.of("noisy", noisy, 0));
        assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"));
        assertTrue(applied(r, "denoise"));
    }

    @Test
    void invertTurnsLightOnDarkAround() {
        GrayImage clean = page();
        byte[] p = clean.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (255 - (p[i] & 0xff));
        }
        GrayImage dark = new GrayImage(clean.width(), clean.height(), p);
        // Tesseract 5 inverts lines it cannot read by itself; with that switched off, only our step helps
        try (OcrEngine noneNoInvert = OcrEngine.builder().languages("eng").preprocess("none").variable("tessedit_do_invert", "0").build();
             OcrEngine invertOnly = OcrEngine.builder().languages("eng").preprocess("invert").variable("tessedit_do_invert", "0").build()) {
            assertNotEquals(EXPECTED, read(noneNoInvert, dark), "without invert");
            OcrResult r = invertOnly.recognize(OcrInput.of("dark", dark, 0));
            assertEquals(EXPECTED, r.text().strip().replaceAll("\n+", "\n"));
            assertTrue(applied(r, "invert"));
        }
    }

    @Test
    void padGivesTextThatTouchesTheEdgeAMargin() {
        GrayImage clean = page();
        OcrResult full = none.recognize(OcrInput.of("full", clean, 0));
        var box = full.pages().get(0).lines().get(0).box();
        // cut the page right through the first line's letters
        GrayImage cut = clean.crop(box.x0() + 2, box.y0() + 3, clean.width() - box.x0() - 2, clean.height() - box.y0() - 3);
        assertTrue(!read(none, cut).contains("4417 left Rotterdam"), "without pad the cut line is lost: " + read(none, cut));
        OcrResult r;
        try (OcrEngine pad = OcrEngine.builder().languages("eng").preprocess("pad").build()) {
            r = pad.recognize(OcrInput.of("cut", cut, 0));
        }
        assertTrue(applied(r, "pad"));
        assertTrue(r.text().contains("4417 left Rotterdam"), "with pad the line touching the edge is read: " + r.text());
        assertTrue(r.text().contains("reaches the warehouse next week."), r.text());
        // boxes are back on the cut image, without the margin: each word lies where the same word
        // of the uncut page lies, moved by the cut (and clipped by it, on the line the cut runs through)
        int dx = box.x0() + 2;
        int dy = box.y0() + 3;
        List<Word> whole = full.words();
        int compared = 0;
        for (Word w : r.words()) {
            Word same = whole.stream().filter(u -> u.text().equals(w.text())).findFirst().orElse(null);
            if (same == null) {
                continue;
            }
            var u = same.box();
            var want = new dev.ocrcli.result.Box(Math.max(0, u.x0() - dx), Math.max(0, u.y0() - dy), u.x1() - dx, u.y1() - dy);
            var got = w.box();
            assertTrue(Math.abs(got.x0() - want.x0()) <= 2 && Math.abs(got.y0() - want.y0()) <= 2
                    && Math.abs(got.x1() - want.x1()) <= 2 && Math.abs(got.y1() - want.y1()) <= 2,
                    w.text() + " at " + got + ", on the uncut page at " + u + " - (" + dx + "," + dy + ")");
            compared++;
        }
        assertTrue(compared >= String.join(" ", TEXT).split(" ").length - 2, compared + " words compared: " + r.words());
    }

    @Test
    void unknownStepIsRefused() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ocrcli.OcrException.class,
                () -> OcrEngine.builder().preprocess("deskew,sharpen"));
        assertTrue(e.getMessage().contains("sharpen") && e.getMessage().contains("deskew"), e.getMessage());
    }
}
