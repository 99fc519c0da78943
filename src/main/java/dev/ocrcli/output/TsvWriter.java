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
import java.util.List;
import java.util.Locale;

/**
 * Tesseract's TSV layout: a header, then one row per page (level 1), block (2), paragraph (3),
 * text line (4) and word (5), numbered as Tesseract numbers them (blocks within the page,
 * paragraphs within their block, lines within their paragraph, words within their line), with
 * {@code left top width height} in pixels of the original image and the confidence ({@code -1} on
 * rows that are not words).
 */
public final class TsvWriter implements ResultWriter {
    /** The header row, as Tesseract writes it. */
    public static final String HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    @Override
    public void write(OcrResult result, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        sb.append(HEADER).append('\n');
        for (PageResult p : result.pages()) {
            row(sb, 1, p.pageNumber(), 0, 0, 0, 0, 0, 0, p.width(), p.height(), -1, "");
            int pn = p.pageNumber();
            List<Block> blocks = p.blocks();
            for (int bi = 0; bi < blocks.size(); bi++) {
                Block block = blocks.get(bi);
                Box bb = block.box();
                row(sb, 2, pn, bi + 1, 0, 0, 0, bb.x0(), bb.y0(), bb.width(), bb.height(), -1, "");
                List<Paragraph> pars = block.paragraphs();
                for (int pi = 0; pi < pars.size(); pi++) {
                    Box pb = pars.get(pi).box();
                    row(sb, 3, pn, bi + 1, pi + 1, 0, 0, pb.x0(), pb.y0(), pb.width(), pb.height(), -1, "");
                    List<Line> lines = pars.get(pi).lines();
                    for (int li = 0; li < lines.size(); li++) {
                        Line l = lines.get(li);
                        Box b = l.box();
                        row(sb, 4, pn, bi + 1, pi + 1, li + 1, 0, b.x0(), b.y0(), b.width(), b.height(), -1, "");
                        List<Word> words = l.words();
                        for (int wi = 0; wi < words.size(); wi++) {
                            Word w = words.get(wi);
                            Box wb = w.box();
                            row(sb, 5, pn, bi + 1, pi + 1, li + 1, wi + 1, wb.x0(), wb.y0(), wb.width(), wb.height(), w.confidence(), w.text());
                        }
                    }
                }
            }
            out.write(sb.toString());
            sb.setLength(0);
        }
        out.write(sb.toString());
    }

    private static void row(StringBuilder sb, int level, int page, int block, int par, int line, int word,
                            int left, int top, int width, int height, double conf, String text) {
        sb.append(level).append('\t').append(page).append('\t').append(block).append('\t').append(par).append('\t')
                .append(line).append('\t').append(word).append('\t').append(left).append('\t').append(top).append('\t')
                .append(width).append('\t').append(height).append('\t');
        if (conf < 0) {
            sb.append("-1");
        } else {
            sb.append(String.format(Locale.ROOT, "%.6f", conf));
        }
        sb.append('\t').append(text.replaceAll("[\\t\\r\\n]", " ")).append('\n');
    }

    @Override
    public String mediaType() {
        return "text/tab-separated-values; charset=utf-8";
    }
}
