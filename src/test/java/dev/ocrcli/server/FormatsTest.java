package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrcli.testing.Cli;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every answer format holds what the JSON answer holds: the same words with the same boxes in
 * TSV, hOCR and ALTO (parsed, not grepped), and {@code format=pdf} is the searchable PDF the
 * command line writes for the same image.
 */
class FormatsTest {
    static OcrServer server;
    static Http http;
    static byte[] png;
    /** The JSON answer's words, in reading order. */
    static List<Word> words;
    /** Their confidences, in the same order. */
    static List<Double> confidences;

    record Word(String text, int x0, int y0, int x1, int y1) {}

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(TestServers.config("eng").jobs(2).build());
        http = new Http(server.baseUrl());
        png = TestImages.png(List.of("Invoice 2026 total due", "Please call the office"));
        HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", png);
        assertEquals(200, r.statusCode(), r.body());
        words = new ArrayList<>();
        confidences = new ArrayList<>();
        for (JsonNode page : Http.json(r).get("pages")) {
            for (JsonNode line : page.get("lines")) {
                for (JsonNode w : line.get("words")) {
                    JsonNode b = w.get("box");
                    words.add(new Word(w.get("text").asText(), b.get("x0").asInt(), b.get("y0").asInt(), b.get("x1").asInt(), b.get("y1").asInt()));
                    confidences.add(w.get("confidence").asDouble());
                }
            }
        }
        assertTrue(words.stream().anyMatch(w -> w.text().equals("Invoice")) && words.stream().anyMatch(w -> w.text().equals("office")),
                words.toString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String format, String mediaType) {
        HttpResponse<String> r = http.postRaw("/v1/ocr?format=" + format, "image/png", png);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(mediaType), r.headers().toString());
        return r;
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // hOCR names the XHTML DTD: never fetch it
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    @Test
    void tsvHeaderAndWordRowsAgreeWithTheJsonWords() {
        String[] rows = get("tsv", "text/tab-separated-values").body().split("\n");
        assertEquals("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext", rows[0]);
        List<Word> tsv = new ArrayList<>();
        List<Double> conf = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            String[] c = rows[i].split("\t", -1);
            assertEquals(12, c.length, rows[i]);
            if (c[0].equals("5")) {
                int left = Integer.parseInt(c[6]);
                int top = Integer.parseInt(c[7]);
                tsv.add(new Word(c[11], left, top, left + Integer.parseInt(c[8]), top + Integer.parseInt(c[9])));
                conf.add(Double.parseDouble(c[10]));
            }
        }
        assertEquals(words, tsv);
        // the same confidences: TSV prints six decimals, JSON rounds to two
        assertEquals(confidences.size(), conf.size());
        for (int i = 0; i < conf.size(); i++) {
            assertEquals(confidences.get(i), conf.get(i), 0.005, words.get(i).text());
        }
    }

    @Test
    void hocrWordsAreTheJsonWords() throws Exception {
        Document doc = xml(get("hocr", "application/xhtml+xml").body());
        NodeList spans = doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "span");
        List<Word> hocr = new ArrayList<>();
        for (int i = 0; i < spans.getLength(); i++) {
            Element e = (Element) spans.item(i);
            if (e.getAttribute("class").equals("ocrx_word")) {
                String bbox = e.getAttribute("title").replaceFirst(";.*", "");
                String[] n = bbox.split(" ");
                assertEquals("bbox", n[0], bbox);
                hocr.add(new Word(e.getTextContent(), Integer.parseInt(n[1]), Integer.parseInt(n[2]), Integer.parseInt(n[3]),
                        Integer.parseInt(n[4])));
            }
        }
        assertEquals(words, hocr);
        NodeList divs = doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "div");
        assertEquals("ocr_page", ((Element) divs.item(0)).getAttribute("class"));
        for (int i = 1; i < divs.getLength(); i++) {
            assertEquals("ocr_carea", ((Element) divs.item(i)).getAttribute("class"), "one page, its blocks inside it");
        }
        assertTrue(divs.getLength() > 1, "the page's blocks are there");
    }

    @Test
    void altoStringsAreTheJsonWords() throws Exception {
        Document doc = xml(get("alto", "application/xml").body());
        String ns = "http://www.loc.gov/standards/alto/ns-v4#";
        assertEquals("alto", doc.getDocumentElement().getLocalName());
        assertEquals(ns, doc.getDocumentElement().getNamespaceURI());
        NodeList strings = doc.getElementsByTagNameNS(ns, "String");
        List<Word> alto = new ArrayList<>();
        for (int i = 0; i < strings.getLength(); i++) {
            Element e = (Element) strings.item(i);
            int x = Integer.parseInt(e.getAttribute("HPOS"));
            int y = Integer.parseInt(e.getAttribute("VPOS"));
            alto.add(new Word(e.getAttribute("CONTENT"), x, y, x + Integer.parseInt(e.getAttribute("WIDTH")),
                    y + Integer.parseInt(e.getAttribute("HEIGHT"))));
            double wc = Double.parseDouble(e.getAttribute("WC"));
            assertTrue(wc >= 0 && wc <= 1, e.getAttribute("WC"));
        }
        assertEquals(words, alto);
        assertEquals(2, doc.getElementsByTagNameNS(ns, "TextLine").getLength());
    }

    @Test
    void pdfIsTheSearchablePdfTheCommandLineWrites(@TempDir Path dir) throws Exception {
        HttpResponse<byte[]> r = http.postRawBytes("/v1/ocr?format=pdf", "image/png", png);
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        Path input = dir.resolve("page.png");
        Files.write(input, png);
        Path out = dir.resolve("out");
        Cli.Run cli = Cli.run(input.toString(), "-l", "eng", "-f", "pdf", "-o", out.toString());
        assertEquals(0, cli.exitCode(), cli.toString());
        Path cliPdf;
        try (Stream<Path> files = Files.walk(out)) {
            cliPdf = files.filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
        }
        try (PDDocument served = Loader.loadPDF(r.body()); PDDocument written = Loader.loadPDF(Files.readAllBytes(cliPdf))) {
            assertEquals(1, served.getNumberOfPages());
            String text = new PDFTextStripper().getText(served);
            for (Word w : words) {
                assertTrue(text.contains(w.text()), "text layer lacks '" + w.text() + "': " + text);
            }
            assertEquals(new PDFTextStripper().getText(written), text);
            PDPage page = served.getPage(0);
            assertEquals(written.getPage(0).getMediaBox().toString(), page.getMediaBox().toString());
            // the page shows the image it was read from, at its size in pixels
            List<PDImageXObject> images = new ArrayList<>();
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject img) {
                    images.add(img);
                }
            }
            assertEquals(1, images.size());
            java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertEquals(source.getWidth(), images.get(0).getWidth());
            assertEquals(source.getHeight(), images.get(0).getHeight());
            assertFalse(text.isBlank());
        }
    }
}
