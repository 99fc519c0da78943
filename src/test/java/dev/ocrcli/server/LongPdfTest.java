package dev.ocrcli.server;

import dev.ocrcli.testing.RawPdf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 4: a PDF of 10,000 tiny pages got no answer within 200 s. With the server's
 * defaults it is refused (413 {@code too_many_pages}) before any page is read; with no page limit
 * the request's timeout covers the whole document, so the answer is 504 within about twice it.
 */
class LongPdfTest {
    static final int PAGES = 10_000;
    static byte[] pdf;

    /** 10,000 pages of half an inch square, each showing a word, in one flat page tree. */
    @BeforeAll
    static void build() {
        RawPdf doc = new RawPdf();
        int catalog = doc.reserve();
        int root = doc.reserve();
        int font = doc.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        int content = doc.addStream("", "BT /F1 12 Tf 4 14 Td (Hi) Tj ET".getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < PAGES; i++) {
            int page = doc.add("<< /Type /Page /Parent " + root + " 0 R /MediaBox [0 0 36 36] /Contents " + content
                    + " 0 R /Resources << /Font << /F1 " + font + " 0 R >> >> >>");
            kids.append(page).append(" 0 R ");
        }
        doc.set(root, "<< /Type /Pages /Kids [" + kids + "] /Count " + PAGES + " >>");
        doc.set(catalog, "<< /Type /Catalog /Pages " + root + " 0 R >>");
        pdf = doc.bytes(catalog);
        assertTrue(pdf.length < ServerConfig.DEFAULT_MAX_BODY, "under the default --max-body: " + pdf.length);
    }

    @Test
    void theDefaultPageLimitRefusesItAtOnce() throws Exception {
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).build())) {
            Http http = new Http(server.baseUrl());
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.postRaw("/v1/ocr", "application/pdf", pdf);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(413, r.statusCode(), r.body());
            assertEquals("too_many_pages", Http.errorCode(r));
            assertTrue(Http.json(r).get("error").get("message").asText().contains(String.valueOf(PAGES)), r.body());
            assertTrue(ms < 10_000, "refused in " + ms + " ms");
        }
    }

    @Test
    void withNoPageLimitTheTimeoutCoversTheWholeDocument() throws Exception {
        long timeout = 2_000;
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).maxPages(0).timeoutMillis(timeout).build())) {
            Http http = new Http(server.baseUrl());
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.postRaw("/v1/ocr?format=text", "application/pdf", pdf);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, r.statusCode(), r.body());
            assertEquals("timeout", Http.errorCode(r));
            assertTrue(ms < 2 * timeout, "answered in " + ms + " ms, more than twice the " + timeout + " ms timeout");
            // the abandoned document gives its engine back: a small page is read afterwards
            HttpResponse<String> after = http.postRaw("/v1/ocr?format=text", "image/png", TestImages.png(List.of("Hello world 2026")));
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(after.body().contains("Hello world 2026"), after.body());
        }
    }
}
