package dev.ocrcli.output;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The searchable PDF shows the user's picture: colour input stays colour, grey stays grey. */
class ColourPdfTest {
    @TempDir
    Path tmp;

    /** Dark blue text on a pale yellow page with a red stamp. */
    static BufferedImage colourPage() {
        BufferedImage img = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(255, 250, 205));
        g.fillRect(0, 0, 900, 300);
        g.setColor(new Color(200, 20, 20));
        g.fillOval(700, 40, 140, 140);
        g.setColor(new Color(10, 20, 120));
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 40));
        g.drawString("Invoice paid in full", 40, 150);
        g.dispose();
        return img;
    }

    static List<PDImageXObject> images(PDDocument doc) throws Exception {
        List<PDImageXObject> out = new ArrayList<>();
        for (PDPage p : doc.getPages()) {
            for (COSName n : p.getResources().getXObjectNames()) {
                if (p.getResources().getXObject(n) instanceof PDImageXObject x) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    @Test
    void colourInputKeepsItsColourInTheSearchablePdfAndGreyStaysGrey() throws Exception {
        BufferedImage colour = colourPage();
        Path png = tmp.resolve("colour.png");
        ImageIO.write(colour, "png", png.toFile());
        Path jpg = tmp.resolve("photo.jpg");
        ImageIO.write(colour, "jpeg", jpg.toFile());
        BufferedImage grey = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(colour, 0, 0, null);
        Path greyPng = tmp.resolve("grey.png");
        ImageIO.write(grey, "png", greyPng.toFile());
        Path out = tmp.resolve("out");
        Run r = Cli.run(png.toString(), jpg.toString(), greyPng.toString(), "-o", out.toString(), "-f", "pdf", "--lang", "eng");
        assertEquals(0, r.exitCode(), r.toString());

        try (PDDocument doc = Loader.loadPDF(out.resolve("colour.pdf").toFile())) {
            PDImageXObject x = images(doc).get(0);
            assertEquals(PDDeviceRGB.INSTANCE, x.getColorSpace(), "lossless colour for a PNG");
            assertEquals("png", x.getSuffix(), "lossless (Flate)");
            BufferedImage shown = x.getImage();
            Color stamp = new Color(shown.getRGB(770, 110));
            assertTrue(stamp.getRed() > 150 && stamp.getGreen() < 80, "the red stamp is red: " + stamp);
            assertTrue(new PDFTextStripper().getText(doc).contains("Invoice"), "text layer kept");
        }
        byte[] jpegBytes = Files.readAllBytes(jpg);
        try (PDDocument doc = Loader.loadPDF(out.resolve("photo.pdf").toFile())) {
            PDImageXObject x = images(doc).get(0);
            assertEquals("jpg", x.getSuffix(), "a JPEG input stays JPEG");
            assertEquals(3, x.getColorSpace().getNumberOfComponents());
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (var in = x.getCOSObject().createRawInputStream()) {
                in.transferTo(raw);
            }
            assertTrue(java.util.Arrays.equals(jpegBytes, raw.toByteArray()), "the input's own JPEG bytes, not compressed again");
        }
        try (PDDocument doc = Loader.loadPDF(out.resolve("grey.pdf").toFile())) {
            PDImageXObject x = images(doc).get(0);
            assertEquals(PDDeviceGray.INSTANCE, x.getColorSpace(), "grey input stays grey");
            assertEquals("png", x.getSuffix(), "and lossless (Flate)");
        }
    }

    @Test
    void aColourPdfPageStaysColourWhenMadeSearchable() throws Exception {
        Path png = tmp.resolve("colour.png");
        ImageIO.write(colourPage(), "png", png.toFile());
        Path first = tmp.resolve("first");
        assertEquals(0, Cli.run(png.toString(), "-o", first.toString(), "-f", "pdf", "--lang", "eng").exitCode());
        Path again = tmp.resolve("again");
        Run r = Cli.run(first.resolve("colour.pdf").toString(), "-o", again.toString(), "-f", "pdf", "--lang", "eng", "--pdf-dpi", "150");
        assertEquals(0, r.exitCode(), r.toString());
        try (PDDocument doc = Loader.loadPDF(again.resolve("colour.pdf").toFile())) {
            PDImageXObject x = images(doc).get(0);
            assertEquals(3, x.getColorSpace().getNumberOfComponents(), "rendered colour page kept in colour");
            assertEquals("jpg", x.getSuffix(), "a rendered page is a scan: JPEG");
            assertTrue(new PDFTextStripper().getText(doc).contains("Invoice"));
        }
    }
}
