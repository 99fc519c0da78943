package dev.ocrcli.image;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which pages can draw a JPEG 2000 image, from their object graph: real PDFBox documents. */
class JpxImagesTest {
    @Test
    void aPageCountsItsOwnJpeg2000ImagesNotThoseOfThePagesItLinksTo() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage index = new PDPage();
            PDPage scan = new PDPage();
            doc.addPage(index);
            doc.addPage(scan);
            // the stream is not decoded here: only its dictionary is looked at
            PDImageXObject jpx = new PDImageXObject(doc, new ByteArrayInputStream(new byte[16]), COSName.JPX_DECODE, 300, 200, 8,
                    PDDeviceGray.INSTANCE);
            try (PDPageContentStream cs = new PDPageContentStream(doc, scan)) {
                cs.drawImage(jpx, 0, 0, 300, 200);
            }
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(10, 10, 100, 20));
            PDPageFitDestination dest = new PDPageFitDestination();
            dest.setPage(scan);
            link.setDestination(dest);
            index.getAnnotations().add(link);

            assertEquals(0, JpxImages.pixels(index));
            assertEquals(300 * 200, JpxImages.pixels(scan));
        }
    }
}
