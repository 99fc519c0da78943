package dev.ocrcli.fuzz;

import dev.ocrcli.testing.TestImages;
import dev.ocrcli.testing.TinyWebp;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One small valid file per supported format, all of the same page (173 x 61 px, a width and
 * height no encoder rounds to, so header edits can find them): the seeds of the mutation test
 * and of the fuzz corpora.
 */
public final class Seeds {
    public static final int WIDTH = 173;
    public static final int HEIGHT = 61;

    private Seeds() {}

    static BufferedImage page() {
        BufferedImage text = TestImages.render(List.of("Seed 42"), 22);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.drawImage(text, 0, 0, null);
        g.dispose();
        return img;
    }

    static BufferedImage grey(BufferedImage img) {
        BufferedImage g = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        g.getGraphics().drawImage(img, 0, 0, null);
        return g;
    }

    /** Name (with extension) to bytes. */
    public static Map<String, byte[]> all() throws IOException {
        BufferedImage page = page();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("seed.png", TestImages.encode(page, "png"));
        seeds.put("seed.jpg", TestImages.encode(page, "jpeg"));
        seeds.put("seed-progressive.jpg", TestImages.progressiveJpeg(page));
        seeds.put("seed.tif", TestImages.multiPageTiff(List.of(grey(page), grey(page))));
        seeds.put("seed.bmp", TestImages.encode(page, "bmp"));
        seeds.put("seed.gif", TestImages.encode(page, "gif"));
        seeds.put("seed.webp", TinyWebp.encode(page));
        seeds.put("seed.jp2", jpeg2000(page));
        seeds.put("seed.pdf", pdf(page));
        return seeds;
    }

    static byte[] jpeg2000(BufferedImage img) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(grey(img), null, null), null);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** Two pages: the seed image, and a line of text in a standard font. */
    static byte[] pdf(BufferedImage img) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage p1 = new PDPage(new PDRectangle(WIDTH * 72f / 150, HEIGHT * 72f / 150));
            doc.addPage(p1);
            PDImageXObject x = LosslessFactory.createFromImage(doc, grey(img));
            try (PDPageContentStream cs = new PDPageContentStream(doc, p1)) {
                cs.drawImage(x, 0, 0, p1.getMediaBox().getWidth(), p1.getMediaBox().getHeight());
            }
            PDPage p2 = new PDPage(new PDRectangle(200, 60));
            doc.addPage(p2);
            try (PDPageContentStream cs = new PDPageContentStream(doc, p2)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                cs.newLineAtOffset(10, 25);
                cs.showText("Seed 42");
                cs.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.getDocument().setIsXRefStream(false);
            doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }
}
