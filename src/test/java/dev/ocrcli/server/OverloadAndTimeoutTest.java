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
}
