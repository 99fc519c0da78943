package dev.ocrcli.server;

import dev.ocrcli.testing.RawPdf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 items 1-2 through the real server: a PDF whose page tree cannot be walked, and one
 * whose page image cannot be decoded, are 422 {@code corrupt_image} naming an unreadable PDF,
 * never 500 (an internal error) nor 200 with empty pages. The files are PdfInputTest's. Next to
 * them, ImageLoaderTest's JPEG 2000 file on which the decoder never finishes: 422 within its
 * deadline, and the server goes on.
 */
class BrokenPdfsTest {
    static OcrServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(TestServers.config("eng").jobs(1).build());
        http = new Http(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertUnreadable(Map<String, byte[]> files) {
        for (var e : files.entrySet()) {
            for (String type : new String[] {"application/pdf", "application/octet-stream"}) {
                HttpResponse<String> r = http.postRaw("/v1/ocr", type, e.getValue());
                String what = e.getKey() + " as " + type + ": " + r.statusCode() + " " + r.body();
                assertEquals(422, r.statusCode(), what);
                assertEquals("corrupt_image", Http.errorCode(r), what);
                String message = Http.json(r).get("error").get("message").asText();
                assertTrue(message.contains("unreadable PDF"), what);
                assertFalse(message.contains("internal error") || message.contains("Exception"), what);
                assertFalse(message.contains("\n"), "one line: " + what);
            }
        }
        assertEquals(200, http.get("/healthz").statusCode());
    }

    @Test
    void brokenPageTreesAre422() {
        assertUnreadable(RawPdf.brokenTrees());
    }

    @Test
    void aJpeg2000ImageWhoseDecoderNeverFinishesIs422WithinItsDeadline() throws Exception {
        byte[] jp2 = java.nio.file.Files.readAllBytes(dev.ocrcli.testing.Shared.repo().resolve("src/test/resources/fixtures/jpeg2000-endless-packet.jp2"));
        // in a PDF the same image is decoded by PDFBox while it renders the page
        byte[] pdf = RawPdf.withImage("/Width 173 /Height 61 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /JPXDecode", jp2);
        Object[][] cases = {{"image/jp2", jp2}, {"application/octet-stream", jp2}, {"application/pdf", pdf}};
        for (Object[] c : cases) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.postRaw("/v1/ocr", (String) c[0], (byte[]) c[1]);
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            String what = c[0] + ": " + r.statusCode() + " " + r.body();
            assertEquals(422, r.statusCode(), what);
            assertEquals("corrupt_image", Http.errorCode(r), what);
            assertTrue(Http.json(r).get("error").get("message").asText().contains("corrupt JPEG 2000 image"), what);
            assertTrue(seconds < 10 + 20, "answered after " + seconds + " s: " + what);
        }
        assertEquals(200, http.get("/healthz").statusCode());
        // the engine is free again: an ordinary image is read
        assertEquals(200, http.postRaw("/v1/ocr", "image/png", TestImages.png(java.util.List.of("Hello"))).statusCode());
    }

    @Test
    void pagesWhoseImageCannotBeDecodedAre422() {
        assertUnreadable(RawPdf.brokenImages());
    }
}
