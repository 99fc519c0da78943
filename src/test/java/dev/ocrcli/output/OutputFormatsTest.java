package dev.ocrcli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.Word;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every format written from a real recognition parses, and carries the recognised words and boxes. */
class OutputFormatsTest {
    private static final String[] LINES = {"Quick brown foxes 2048", "Съешь ещё мягких булок"};
    private static OcrEngine engine;
    private static OcrResult result;
    private static GrayImage image;

    @BeforeAll
    static void recognise() {
        engine = OcrEngine.builder().languages("eng+rus").build();
        image = GrayImage.from(TestImages.render(36, LINES));
        result = engine.recognize(OcrInput.of("two & <lines>.png", image, 0));
        assertTrue(result.words().size() >= 6, "the engine found the words: " + result.text());
        assertTrue(TestImages.norm(result.text()).contains("QUICK BROWN FOXES 2048"), result.text());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static String write(OutputFormat f) throws Exception {
        StringWriter w = new StringWriter();
        f.writer().write(result, w);
        return w.toString();
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder db = dbf.newDocumentBuilder();
        return db.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> words() {
        List<String> out = new ArrayList<>();
        for (Word w : result.words()) {
            out.add(w.text());
        }
        return out;
    }

    @Test
    void parseKnowsEveryFormat() {
        assertSame(OutputFormat.TEXT, OutputFormat.parse("text"));
        assertSame(OutputFormat.TEXT, OutputFormat.parse("TXT"));
        assertSame(OutputFormat.JSON, OutputFormat.parse("json"));
        assertSame(OutputFormat.JSONL, OutputFormat.parse("jsonl"));
        assertSame(OutputFormat.HOCR, OutputFormat.parse("hocr"));
        assertSame(OutputFormat.ALTO, OutputFormat.parse("alto"));
        assertSame(OutputFormat.TSV, OutputFormat.parse("tsv"));
        assertSame(OutputFormat.PDF, OutputFormat.parse("pdf"));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("docx"));
        for (OutputFormat f : OutputFormat.values()) {
            assertEquals(f == OutputFormat.PDF, f.writer().binary(), f.name());
        }
        assertThrows(UnsupportedOperationException.class, () -> OutputFormat.PDF.writer().write(result, new StringWriter()));
    }

    @Test
    void hocrIsXhtmlWithEveryWordAndBox() throws Exception {
        Document d = parseXml(write(OutputFormat.HOCR));
        NodeList spans = d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "span");
        List<String> found = new ArrayList<>();
        int lines = 0;
        for (int i = 0; i < spans.getLength(); i++) {
            Element e = (Element) spans.item(i);
            String title = e.getAttribute("title");
            if ("ocr_line".equals(e.getAttribute("class"))) {
                lines++;
            }
            if ("ocrx_word".equals(e.getAttribute("class"))) {
                found.add(e.getTextContent());
                String[] bbox = title.replaceAll(";.*", "").split(" ");
                assertEquals("bbox", bbox[0]);
                int x1 = Integer.parseInt(bbox[3]);
                int y1 = Integer.parseInt(bbox[4]);
                assertTrue(x1 <= image.width() && y1 <= image.height(), title);
                assertTrue(title.contains("x_wconf"), title);
            }
        }
        assertEquals(words(), found);
        assertEquals(result.pages().get(0).lines().size(), lines);
        NodeList divs = d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "div");
        Element page = (Element) divs.item(0);
        assertEquals("ocr_page", page.getAttribute("class"));
        assertTrue(page.getAttribute("title").contains("bbox 0 0 " + image.width() + " " + image.height()), page.getAttribute("title"));
        assertEquals("two & <lines>.png", d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "title").item(0).getTextContent());
    }

    @Test
    void altoIsV4WithEveryWord() throws Exception {
        Document d = parseXml(write(OutputFormat.ALTO));
        assertEquals(AltoWriter.NAMESPACE, d.getDocumentElement().getNamespaceURI());
        assertEquals("alto", d.getDocumentElement().getLocalName());
        NodeList strings = d.getElementsByTagNameNS(AltoWriter.NAMESPACE, "String");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < strings.getLength(); i++) {
            Element e = (Element) strings.item(i);
            found.add(e.getAttribute("CONTENT"));
            double wc = Double.parseDouble(e.getAttribute("WC"));
            assertTrue(wc >= 0 && wc <= 1, "WC " + wc);
            int right = Integer.parseInt(e.getAttribute("HPOS")) + Integer.parseInt(e.getAttribute("WIDTH"));
            assertTrue(right <= image.width());
        }
        assertEquals(words(), found);
        Element page = (Element) d.getElementsByTagNameNS(AltoWriter.NAMESPACE, "Page").item(0);
        assertEquals(String.valueOf(image.width()), page.getAttribute("WIDTH"));
        assertEquals(result.pages().get(0).lines().size(), d.getElementsByTagNameNS(AltoWriter.NAMESPACE, "TextLine").getLength());
    }

    @Test
    void tsvHasTesseractsColumnsAndEveryWord() throws Exception {
        String[] rows = write(OutputFormat.TSV).split("\n");
        assertEquals("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext", rows[0]);
        List<String> found = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            String[] c = rows[i].split("\t", -1);
            assertEquals(12, c.length, rows[i]);
            if ("5".equals(c[0])) {
                found.add(c[11]);
                double conf = Double.parseDouble(c[10]);
                assertTrue(conf >= 0 && conf <= 100);
                assertTrue(Integer.parseInt(c[6]) + Integer.parseInt(c[8]) <= image.width());
            } else {
                assertEquals("-1", c[10]);
            }
        }
        assertEquals(words(), found);
        assertTrue(rows[1].startsWith("1\t1\t"), "page row first");
    }

    @Test
    void jsonAndJsonlAreOneValidObjectPerLine() throws Exception {
        ObjectMapper om = new ObjectMapper();
        for (OutputFormat f : List.of(OutputFormat.JSON, OutputFormat.JSONL)) {
            String s = write(f);
            assertTrue(s.endsWith("\n") && s.indexOf('\n') == s.length() - 1, "one line");
            JsonNode n = om.readTree(s);
            assertEquals(result.text(), n.get("text").asText());
            assertEquals(words().size(), n.get("pages").get(0).get("lines").findValues("words").stream().mapToInt(JsonNode::size).sum());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputFormat.JSONL.writer().write(result, bytes);
        assertEquals(write(OutputFormat.JSONL), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pdfHasTheImageAndAnInvisibleTextLayerWithTheWords() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfWriter.PageSink sink = PdfWriter.open()) {
            for (PageResult p : result.pages()) {
                sink.add(p, image);
            }
            sink.add(result.pages().get(0), image);
            sink.save(out);
        }
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertEquals(2, doc.getNumberOfPages());
            assertTrue(doc.getPage(0).getResources().getXObjectNames().iterator().hasNext(), "page image present");
            PDFTextStripper st = new PDFTextStripper();
            st.setStartPage(1);
            st.setEndPage(1);
            String text = TestImages.norm(st.getText(doc));
            for (String w : words()) {
                String nw = TestImages.norm(w);
                if (!nw.isEmpty()) {
                    assertTrue(text.contains(nw), "'" + nw + "' in the text layer: " + text);
                }
            }
            assertTrue(text.contains("QUICK BROWN FOXES 2048"), text);
            // page size follows the image at the assumed 300 dpi
            assertEquals(image.width() * 72f / 300, doc.getPage(0).getMediaBox().getWidth(), 0.5);
        }
        // the plain byte variant (no images) is a valid PDF with the same text
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        OutputFormat.PDF.writer().write(result, plain);
        try (PDDocument doc = Loader.loadPDF(plain.toByteArray())) {
            assertTrue(TestImages.norm(new PDFTextStripper().getText(doc)).contains("QUICK BROWN"));
        }
    }

    @Test
    void xmlEscapingDropsIllegalCharacters() throws Exception {
        String s = Xml.escape("a<b>&\"c'\u0001\uD83D\uDE00");
        assertEquals("a&lt;b&gt;&amp;&quot;c&apos;\uD83D\uDE00", s);
        parseXml("<x a=\"" + s + "\">" + s + "</x>");
    }
}
