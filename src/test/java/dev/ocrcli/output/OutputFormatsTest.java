package dev.ocrcli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.result.Box;
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
                Word w = result.words().get(found.size());
                found.add(e.getTextContent());
                String[] bbox = title.replaceAll(";.*", "").split(" ");
                assertEquals("bbox", bbox[0]);
                assertEquals(new Box(Integer.parseInt(bbox[1]), Integer.parseInt(bbox[2]), Integer.parseInt(bbox[3]), Integer.parseInt(bbox[4])),
                        w.box(), title);
                assertTrue(title.endsWith("x_wconf " + Math.round(w.confidence())), title);
            }
        }
        assertEquals(words(), found);
        assertEquals(result.pages().get(0).lines().size(), lines);
        // blocks and paragraphs nest as in the tree: ocr_carea > ocr_par > ocr_line
        int areas = 0;
        NodeList allDivs = d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "div");
        for (int i = 0; i < allDivs.getLength(); i++) {
            areas += "ocr_carea".equals(((Element) allDivs.item(i)).getAttribute("class")) ? 1 : 0;
        }
        assertEquals(result.pages().get(0).blocks().size(), areas);
        NodeList ps = d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "p");
        assertEquals(result.pages().get(0).blocks().stream().mapToInt(b -> b.paragraphs().size()).sum(), ps.getLength());
        for (int i = 0; i < ps.getLength(); i++) {
            Element par = (Element) ps.item(i);
            assertEquals("ocr_par", par.getAttribute("class"));
            assertEquals("ocr_carea", ((Element) par.getParentNode()).getAttribute("class"));
        }
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
            Word w = result.words().get(found.size());
            found.add(e.getAttribute("CONTENT"));
            assertEquals(w.confidence() / 100, Double.parseDouble(e.getAttribute("WC")), 0.005, "WC");
            int x = Integer.parseInt(e.getAttribute("HPOS"));
            int y = Integer.parseInt(e.getAttribute("VPOS"));
            assertEquals(w.box(), new Box(x, y, x + Integer.parseInt(e.getAttribute("WIDTH")), y + Integer.parseInt(e.getAttribute("HEIGHT"))));
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
                Word w = result.words().get(found.size());
                found.add(c[11]);
                assertEquals(w.confidence(), Double.parseDouble(c[10]), 1e-5);
                int x = Integer.parseInt(c[6]);
                int y = Integer.parseInt(c[7]);
                assertEquals(w.box(), new Box(x, y, x + Integer.parseInt(c[8]), y + Integer.parseInt(c[9])), rows[i]);
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
        // the preprocessing array: one entry per step that ran, in pipeline order, as the page's reports
        JsonNode steps = om.readTree(write(OutputFormat.JSON)).get("pages").get(0).get("preprocessing");
        List<dev.ocrcli.result.StepReport> reports = result.pages().get(0).preprocessing();
        assertEquals(dev.ocrcli.pipeline.Steps.autoNames(), reports.stream().map(dev.ocrcli.result.StepReport::step).toList(),
                "the default pipeline reports every step auto runs, in order");
        assertEquals(reports.size(), steps.size());
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(reports.get(i).step(), steps.get(i).get("step").asText());
            assertEquals(reports.get(i).applied(), steps.get(i).get("applied").asBoolean());
            assertEquals(reports.get(i).detail(), steps.get(i).get("detail").asText());
            assertEquals(reports.get(i).micros() / 1000.0, steps.get(i).get("ms").asDouble(), 0.06);
        }
        // every word and line box as in the result
        JsonNode jsonLines = om.readTree(write(OutputFormat.JSON)).get("pages").get(0).get("lines");
        for (int i = 0; i < jsonLines.size(); i++) {
            dev.ocrcli.result.Line l = result.pages().get(0).lines().get(i);
            JsonNode b = jsonLines.get(i).get("box");
            assertEquals(l.box(), new Box(b.get("x0").asInt(), b.get("y0").asInt(), b.get("x1").asInt(), b.get("y1").asInt()));
            assertEquals(l.text(), jsonLines.get(i).get("text").asText());
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
