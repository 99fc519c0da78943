package dev.ocrcli.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full queue is answered 503 with Retry-After, a slow request 504; the server keeps serving. */
class OverloadAndTimeoutTest {
    /** A page that takes Tesseract a while: many lines of text. */
    static byte[] bigPage() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("Line " + i + ": the quick brown fox jumps over the lazy dog 0123456789");
        }
        return TestImages.encode(TestImages.render(lines, 24), "png");
    }

    @Test
    void fullQueueGets503WithRetryAfterAndTheServerRecovers() throws Exception {
        byte[] page = bigPage();
        byte[] small = TestImages.png(List.of("Hello world 2026"));
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).queue(1).build())) {
            Http http = new Http(server.baseUrl());
            int n = 10;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    fs.add(CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr?format=text", "image/png", page), pool));
                }
                int ok = 0;
                int busy = 0;
                for (CompletableFuture<HttpResponse<String>> f : fs) {
                    HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                    if (r.statusCode() == 200) {
                        assertTrue(r.body().contains("lazy dog"), r.body());
                        ok++;
                    } else {
                        assertEquals(503, r.statusCode(), r.body());
                        assertEquals("overloaded", Http.errorCode(r));
                        assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
                        busy++;
                    }
                }
                assertTrue(ok >= 1 && ok <= 2 + 1, "1 recognising + 1 waiting (+1 if one finished meanwhile), got " + ok);
                assertTrue(busy >= n - 3, "busy answers: " + busy);
            } finally {
                pool.shutdownNow();
            }
            HttpResponse<String> after = http.postRaw("/v1/ocr?format=text", "image/png", small);
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(after.body().contains("Hello world 2026"));
            assertTrue(http.get("/metrics").body().matches("(?s).*ocr_http_requests_total\\{method=\"POST\",path=\"/v1/ocr\",status=\"503\"} [1-9].*"));
        }
    }

    @Test
    void pastTheTimeoutIs504() throws Exception {
        byte[] page = bigPage();
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).queue(4).timeoutMillis(150).build())) {
            Http http = new Http(server.baseUrl());
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", page);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, r.statusCode(), r.body());
            assertEquals("timeout", Http.errorCode(r));
            assertTrue(ms < 20_000, "answered in " + ms + " ms");
            assertEquals(200, http.get("/healthz").statusCode());
        }
    }

    /** A text page for long documents; each page takes Tesseract a little while. */
    static java.awt.image.BufferedImage docPage() {
        return TestImages.render(List.of("Page of a long document, line one 0123", "and its second line of text 4567"), 28);
    }

    private static HttpResponse<String> metricsUntil(Http http, String line, long millis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        HttpResponse<String> m = http.get("/metrics");
        while (!m.body().contains(line) && System.nanoTime() < until) {
            Thread.sleep(20);
            m = http.get("/metrics");
        }
        return m;
    }

    @Test
    void aManyPageTiffIsCutOffAtTheTimeoutWhileOthersAreServed() throws Exception {
        long timeout = 2_000;
        byte[] tiff = TestImages.tiffSharingOneStrip(docPage(), 300);
        assertTrue(tiff.length < 2_000_000, tiff.length + " bytes");
        byte[] small = TestImages.png(List.of("Hello world 2026"));
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(2).queue(8).maxPages(0).timeoutMillis(timeout).build())) {
            Http http = new Http(server.baseUrl());
            long t0 = System.nanoTime();
            CompletableFuture<HttpResponse<String>> longOne =
                    CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr?format=text", "image/tiff", tiff));
            assertTrue(metricsUntil(http, "ocr_work_running 1.0", 5_000).body().contains("ocr_work_running 1.0"));
            // the other engine keeps answering
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.postRaw("/v1/ocr?format=text", "image/png", small);
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("Hello world 2026"), r.body());
            }
            HttpResponse<String> r = longOne.get(60, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, r.statusCode(), r.body());
            assertEquals("timeout", Http.errorCode(r));
            assertTrue(ms < 2 * timeout, "answered after " + ms + " ms, over twice the " + timeout + " ms timeout");
            assertTrue(ms >= timeout - 200, "answered after " + ms + " ms: the budget was not used");
            // the work behind the answer stops too, at its next page
            assertTrue(metricsUntil(http, "ocr_work_running 0.0", 2 * timeout).body().contains("ocr_work_running 0.0"),
                    "the cut-off document kept running");
            HttpResponse<String> after = http.postRaw("/v1/ocr?format=text", "image/png", small);
            assertEquals(200, after.statusCode(), after.body());
        }
    }

    @Test
    void waitingForAnEnginePastTheBudgetIs504() throws Exception {
        long timeout = 1_500;
        byte[] tiff = TestImages.tiffSharingOneStrip(docPage(), 300);
        byte[] small = TestImages.png(List.of("Hello world 2026"));
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).queue(4).maxPages(0).timeoutMillis(timeout).build())) {
            Http http = new Http(server.baseUrl());
            CompletableFuture<HttpResponse<String>> first =
                    CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr", "image/tiff", tiff));
            assertTrue(metricsUntil(http, "ocr_work_running 1.0", 5_000).body().contains("ocr_work_running 1.0"));
            long t0 = System.nanoTime();
            HttpResponse<String> waiting = http.postRaw("/v1/ocr", "image/png", small);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2 * timeout, "answered after " + ms + " ms");
            HttpResponse<String> firstAnswer = first.get(60, TimeUnit.SECONDS);
            assertEquals(504, firstAnswer.statusCode());
            if (waiting.statusCode() == 200) {
                // the first request's budget began a little earlier, so its engine can come free
                // just before this one's budget ends; then the answer must still fit the budget
                long total = new com.fasterxml.jackson.databind.ObjectMapper().readTree(waiting.body()).get("timing_ms").get("total").asLong();
                assertTrue(total <= timeout, "waited and read for " + total + " ms within a " + timeout + " ms budget: " + waiting.body());
                assertTrue(waiting.body().contains("Hello world 2026"), waiting.body());
            } else {
                assertEquals(504, waiting.statusCode(), waiting.body());
                assertEquals("timeout", Http.errorCode(waiting));
            }
        }
    }

    @Test
    void moreThanMaxPagesIs413() throws Exception {
        byte[] six = TestImages.tiffSharingOneStrip(docPage(), 6);
        byte[] five = TestImages.tiffSharingOneStrip(docPage(), 5);
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        try (dev.ocrcli.output.PdfWriter.PageSink sink = dev.ocrcli.output.PdfWriter.open()) {
            dev.ocrcli.image.GrayImage g = dev.ocrcli.image.GrayImage.from(docPage());
            for (int i = 0; i < 6; i++) {
                sink.add(new dev.ocrcli.result.PageResult(i + 1, g.width(), g.height(), 300, dev.ocrcli.result.PageTree.EMPTY, List.of()), g);
            }
            sink.save(pdf);
        }
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).maxPages(5).build())) {
            Http http = new Http(server.baseUrl());
            HttpResponse<String> tiff = http.postRaw("/v1/ocr", "image/tiff", six);
            assertEquals(413, tiff.statusCode(), tiff.body());
            assertEquals("too_many_pages", Http.errorCode(tiff));
            HttpResponse<String> doc = http.postRaw("/v1/ocr", "application/pdf", pdf.toByteArray());
            assertEquals(413, doc.statusCode(), doc.body());
            assertEquals("too_many_pages", Http.errorCode(doc));
            assertTrue(Http.json(doc).get("error").get("message").asText().contains("6 pages"), doc.body());
            HttpResponse<String> ok = http.postRaw("/v1/ocr", "image/tiff", five);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(5, Http.json(ok).get("pages").size());
            assertTrue(Http.json(ok).get("pages").get(4).get("text").asText().contains("second line"), ok.body());
        }
    }
}
