package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page text is rendered from the tree, not copied from Tesseract: on real pages of every kind
 * (columns, tables, a receipt, a slide) it must be Tesseract's own text, but for the two
 * differences the tree cannot and need not reproduce: Tesseract's blank line after the last
 * paragraph when a block without text follows it, and the extra space a blank word leaves inside
 * a line.
 */
class PageTextTest {
    static TesseractHandle tess;

    @BeforeAll
    static void load() {
        TessdataLocator locator = TessdataLocator.standard(null);
        tess = new TesseractHandle(locator.dataPathFor(List.of("eng")).toString(), "eng", EngineOptions.OEM_DEFAULT, Map.of(), true);
        tess.setPageSegMode(3);
    }

    @AfterAll
    static void close() {
        tess.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples/english.png", "samples/multilingual.png", "shared:eval/scribe/img/multicol_03.png",
            "shared:eval/scribe/img/table_04.png", "shared:eval/scribe/img/receipt_03.png", "shared:eval/scribe/img/slide_01.png",
            "shared:eval/receipts/img/043.jpg", "shared:eval/real/tesseract-test/phototest.tif"})
    void renderedTextIsTesseractsOwnLayout(String file) {
        Path path = file.startsWith("shared:") ? Shared.require(file.substring(7)) : Shared.repo().resolve(file);
        GrayImage img = ((dev.ocrcli.image.Page.Decoded) new ImageLoader(0).load(path).pages().get(0)).image();
        tess.setImage(img, 0);
        assertTrue(tess.recognize(0));
        PageTree tree = tess.tree(Origin.layout("eng"), w -> false);
        String own = tess.tesseractText();
        tess.clear();
        assertTrue(tree.lines().size() > 2, "the page has text: " + tree.lines().size() + " lines");
        String expected = own.replaceAll("(?m) {2,}", " ").replaceAll("\n+$", "\n");
        assertEquals(expected, tree.text());
    }
}
