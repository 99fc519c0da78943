package dev.ocrcli.output;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Picture;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.Word;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The PDFBox side of {@link PdfWriter}; only this class touches PDFBox. One document, one thread. */
final class SearchablePdf implements PdfWriter.PageSink {
    private static final Logger log = LoggerFactory.getLogger(SearchablePdf.class);
    /** Resolution assumed for pages whose resolution is unknown. */
    static final int DEFAULT_DPI = 300;
    /** JPEG quality of colour pages re-encoded for the PDF (scans and photos). */
    private static final float JPEG_QUALITY = 0.85f;
    private static final List<Path> FONT_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/TTF/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
            Path.of("/Library/Fonts/Arial Unicode.ttf"),
            Path.of("C:\\Windows\\Fonts\\arial.ttf"));
    /** A parsed TrueType font per thread (parsing is not free, and a font is read while documents are saved). */
    private static final ThreadLocal<TrueTypeFont> TTF = new ThreadLocal<>();

    private final PDDocument doc = new PDDocument();
    private PDFont font;

    @Override
    public void add(PageResult p, GrayImage image) throws IOException {
        add(p, image, null);
    }

    /**
     * The picture: a colour input's own JPEG bytes as they are, colour pixels as JPEG when the
     * source was lossy or a rendered PDF page (a scan; lossless would be ten times the size) and
     * lossless otherwise; grey pages grey and lossless (Flate).
     */
    private PDImageXObject picture(GrayImage image, Picture colour) throws IOException {
        if (colour instanceof Picture.Jpeg jpeg) {
            return JPEGFactory.createFromByteArray(doc, jpeg.bytes());
        }
        if (colour instanceof Picture.Pixels px) {
            return px.photo() ? JPEGFactory.createFromImage(doc, px.image(), JPEG_QUALITY)
                    : LosslessFactory.createFromImage(doc, px.image());
        }
        return LosslessFactory.createFromImage(doc, image.toBufferedImage());
    }

    @Override
    public void add(PageResult p, GrayImage image, Picture colour) throws IOException {
        int dpi = p.dpi() > 0 ? p.dpi() : DEFAULT_DPI;
        float s = 72f / dpi;
        float pw = p.width() * s;
        float ph = p.height() * s;
        PDPage page = new PDPage(new PDRectangle(pw, ph));
        doc.addPage(page);
        PDFont f = font();
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            if (image != null) {
                cs.drawImage(picture(image, colour), 0, 0, pw, ph);
            }
            cs.beginText();
            cs.setRenderingMode(RenderingMode.NEITHER);
            for (Line l : p.lines()) {
                Box lb = l.box();
                float lineH = Math.max(1, lb.height()) * s;
                float size = Math.max(1f, lineH * 0.8f);
                float baseline = ph - lb.y1() * s + lineH * 0.15f;
                for (Word w : l.words()) {
                    String text = encodable(f, w.text());
                    if (text.isEmpty()) {
                        continue;
                    }
                    float natural = f.getStringWidth(text) / 1000f * size;
                    float boxW = Math.max(1, w.box().width()) * s;
                    float stretch = natural > 0 ? boxW / natural : 1f;
                    cs.setFont(f, size);
                    cs.setTextMatrix(new Matrix(stretch, 0, 0, 1, w.box().x0() * s, baseline));
                    cs.showText(text);
                }
            }
            cs.endText();
        }
    }

    @Override
    public void save(OutputStream out) throws IOException {
        doc.save(out);
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            log.debug("closing a PDF: {}", e.toString());
        }
    }

    private PDFont font() throws IOException {
        if (font == null) {
            TrueTypeFont ttf = TTF.get();
            if (ttf == null) {
                for (Path p : FONT_CANDIDATES) {
                    if (Files.isReadable(p)) {
                        try {
                            ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(p.toFile()));
                            TTF.set(ttf);
                            break;
                        } catch (IOException | RuntimeException e) {
                            log.debug("font {} unusable: {}", p, e.toString());
                        }
                    }
                }
            }
            font = ttf != null ? PDType0Font.load(doc, ttf, true) : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            if (ttf == null) {
                log.warn("no Unicode TrueType font found; the PDF text layer keeps only Latin-1 letters");
            }
        }
        return font;
    }

    /** The text with the characters the font cannot encode replaced by '?'. */
    private static String encodable(PDFont f, String text) {
        try {
            f.encode(text);
            return text;
        } catch (IOException | IllegalArgumentException e) {
            StringBuilder sb = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String c = new String(Character.toChars(cp));
                try {
                    f.encode(c);
                    sb.append(c);
                } catch (IOException | IllegalArgumentException e2) {
                    sb.append('?');
                }
            });
            return sb.toString();
        }
    }
}
