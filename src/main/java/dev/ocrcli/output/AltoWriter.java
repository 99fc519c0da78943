package dev.ocrcli.output;

import dev.ocrcli.result.Block;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.Paragraph;
import dev.ocrcli.result.Word;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * ALTO XML v4 ({@code http://www.loc.gov/standards/alto/ns-v4#}), measurement unit pixel: one
 * {@code Page} per page with one {@code PrintSpace}, a {@code ComposedBlock} per block, a
 * {@code TextBlock} per paragraph (as Tesseract's own ALTO nests them), a {@code TextLine} per line
 * and a {@code String} per word ({@code CONTENT}, {@code WC} 0..1, position), with {@code SP}
 * between words.
 */
public final class AltoWriter implements ResultWriter {
    public static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";

    @Override
    public void write(OcrResult r, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<alto xmlns=\"").append(NAMESPACE).append("\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"").append(NAMESPACE).append(" http://www.loc.gov/alto/v4/alto-4-2.xsd\">\n")
                .append("  <Description>\n    <MeasurementUnit>pixel</MeasurementUnit>\n")
                .append("    <sourceImageInformation>\n      <fileName>").append(Xml.escape(r.source())).append("</fileName>\n")
                .append("    </sourceImageInformation>\n")
                .append("    <OCRProcessing ID=\"OCR_0\">\n      <ocrProcessingStep>\n        <processingSoftware>\n")
                .append("          <softwareName>ocr-cli (tesseract, ").append(Xml.escape(String.join("+", r.languages())))
                .append(")</softwareName>\n        </processingSoftware>\n      </ocrProcessingStep>\n    </OCRProcessing>\n")
                .append("  </Description>\n  <Layout>\n");
        int blockId = 0;
        int parId = 0;
        int lineId = 0;
        int wordId = 0;
        for (PageResult p : r.pages()) {
            int pn = p.pageNumber();
            sb.append("    <Page ID=\"page_").append(pn).append("\" PHYSICAL_IMG_NR=\"").append(pn)
                    .append("\" HEIGHT=\"").append(p.height()).append("\" WIDTH=\"").append(p.width()).append("\">\n")
                    .append("      <PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"").append(p.width()).append("\" HEIGHT=\"").append(p.height()).append("\">\n");
            for (Block b : p.blocks()) {
                blockId++;
                sb.append("        <ComposedBlock ID=\"cblock_").append(blockId).append("\" ").append(pos(b.box())).append(">\n");
                for (Paragraph par : b.paragraphs()) {
                    parId++;
                    sb.append("          <TextBlock ID=\"block_").append(parId).append("\" ").append(pos(par.box())).append(">\n");
                    for (Line l : par.lines()) {
                        lineId++;
                        sb.append("            <TextLine ID=\"line_").append(lineId).append("\" ").append(pos(l.box())).append(">\n");
                        boolean first = true;
                        for (Word w : l.words()) {
                            wordId++;
                            if (!first) {
                                sb.append("              <SP/>\n");
                            }
                            first = false;
                            sb.append("              <String ID=\"string_").append(wordId).append("\" ").append(pos(w.box()))
                                    .append(" WC=\"").append(String.format(Locale.ROOT, "%.2f", Math.max(0, Math.min(100, w.confidence())) / 100))
                                    .append("\" CONTENT=\"").append(Xml.escape(w.text())).append("\"/>\n");
                        }
                        sb.append("            </TextLine>\n");
                    }
                    sb.append("          </TextBlock>\n");
                }
                sb.append("        </ComposedBlock>\n");
            }
            sb.append("      </PrintSpace>\n    </Page>\n");
            out.write(sb.toString());
            sb.setLength(0);
        }
        sb.append("  </Layout>\n</alto>\n");
        out.write(sb.toString());
    }

    private static String pos(Box b) {
        return "HPOS=\"" + b.x0() + "\" VPOS=\"" + b.y0() + "\" WIDTH=\"" + b.width() + "\" HEIGHT=\"" + b.height() + "\"";
    }

    @Override
    public String mediaType() {
        return "application/xml; charset=utf-8";
    }
}
