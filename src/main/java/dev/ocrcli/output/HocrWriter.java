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
 * hOCR 1.2: an XHTML document with one {@code ocr_page} per page, {@code ocr_carea} per block,
 * {@code ocr_par} per paragraph, {@code ocr_line} per text line and {@code ocrx_word} per word,
 * each with its {@code bbox} in pixels of the original image, as Tesseract's own hOCR nests them;
 * words carry {@code x_wconf} (0..100), pages {@code image}, {@code ppageno} and
 * {@code scan_res} when the resolution is known.
 */
public final class HocrWriter implements ResultWriter {
    @Override
    public void write(OcrResult r, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n<head>\n")
                .append("  <title>").append(Xml.escape(r.source())).append("</title>\n")
                .append("  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n")
                .append("  <meta name=\"ocr-system\" content=\"ocr-cli (tesseract)\"/>\n")
                .append("  <meta name=\"ocr-langs\" content=\"").append(Xml.escape(String.join("+", r.languages()))).append("\"/>\n")
                .append("  <meta name=\"ocr-number-of-pages\" content=\"").append(r.pages().size()).append("\"/>\n")
                .append("  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line ocrx_word\"/>\n")
                .append("</head>\n<body>\n");
        int blockId = 0;
        int parId = 0;
        int lineId = 0;
        int wordId = 0;
        for (PageResult p : r.pages()) {
            int pn = p.pageNumber();
            sb.append("  <div class=\"ocr_page\" id=\"page_").append(pn).append("\" title=\"image &quot;")
                    .append(Xml.escape(r.source().replace("\"", "'"))).append("&quot;; bbox 0 0 ")
                    .append(p.width()).append(' ').append(p.height()).append("; ppageno ").append(pn - 1);
            if (p.dpi() > 0) {
                sb.append("; scan_res ").append(p.dpi()).append(' ').append(p.dpi());
            }
            sb.append("\">\n");
            for (Block b : p.blocks()) {
                blockId++;
                sb.append("   <div class=\"ocr_carea\" id=\"block_").append(pn).append('_').append(blockId)
                        .append("\" title=\"").append(bbox(b.box())).append("\">\n");
                for (Paragraph par : b.paragraphs()) {
                    parId++;
                    sb.append("    <p class=\"ocr_par\" id=\"par_").append(pn).append('_').append(parId)
                            .append("\" title=\"").append(bbox(par.box())).append("\">\n");
                    for (Line l : par.lines()) {
                        lineId++;
                        sb.append("     <span class=\"ocr_line\" id=\"line_").append(pn).append('_').append(lineId)
                                .append("\" title=\"").append(bbox(l.box())).append("\">");
                        boolean first = true;
                        for (Word w : l.words()) {
                            wordId++;
                            if (!first) {
                                sb.append(' ');
                            }
                            first = false;
                            sb.append("<span class=\"ocrx_word\" id=\"word_").append(pn).append('_').append(wordId)
                                    .append("\" title=\"").append(bbox(w.box())).append("; x_wconf ")
                                    .append(Math.round(w.confidence())).append("\">").append(Xml.escape(w.text())).append("</span>");
                        }
                        sb.append("</span>\n");
                    }
                    sb.append("    </p>\n");
                }
                sb.append("   </div>\n");
            }
            sb.append("  </div>\n");
            out.write(sb.toString());
            sb.setLength(0);
        }
        sb.append("</body>\n</html>\n");
        out.write(sb.toString());
    }

    private static String bbox(Box b) {
        return String.format(Locale.ROOT, "bbox %d %d %d %d", b.x0(), b.y0(), b.x1(), b.y1());
    }

    @Override
    public String mediaType() {
        return "application/xhtml+xml; charset=utf-8";
    }
}
