package dev.ocrcli.server;

import dev.ocrcli.engine.OcrEngine;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start (503 not_ready while the engines load), graceful stop (503 shutting_down), and a prompt stop after sitting idle. */
class LifecycleTest {
    @Test
    void notReadyWhileTheDefaultEnginesLoad() throws Exception {
        CountDownLatch models = new CountDownLatch(1);
        // real engines; only their loading is held back until the test has looked at the server
        ServerConfig cfg = ServerConfig.builder((langs, psm) -> {
            try {
                models.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OcrEngine.builder().languages(langs).pageSegMode(psm);
        }).host("127.0.0.1").port(0).jobs(1).defaultLanguages(List.of("eng")).build();
        byte[] png = TestImages.png(List.of("Hello world 2026"));
        try (OcrServer server = OcrServer.start(cfg)) {
            Http http = new Http(server.baseUrl());
            assertEquals(200, http.get("/healthz").statusCode(), "alive while loading");
            HttpResponse<String> ready = http.get("/readyz");
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals("not_ready", Http.errorCode(ready));
            HttpResponse<String> ocr = http.postRaw("/v1/ocr", "image/png", png);
            assertEquals(503, ocr.statusCode(), ocr.body());
            assertEquals("not_ready", Http.errorCode(ocr));
            assertEquals("1", ocr.headers().firstValue("Retry-After").orElse(null));
            assertTrue(http.get("/metrics").body().contains("ocr_ready 0.0"));
            models.countDown();
            server.awaitReady();
            assertEquals(200, http.get("/readyz").statusCode());
            HttpResponse<String> after = http.postRaw("/v1/ocr?format=text", "image/png", png);
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(after.body().contains("Hello world 2026"), after.body());
        } finally {
            models.countDown();
        }
    }

    @Test
    void shuttingDownWhileARequestFinishes() throws Exception {
        byte[] page = OverloadAndTimeoutTest.bigPage();
        byte[] small = TestImages.png(List.of("Hello world 2026"));
        OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).build());
        Http http = new Http(server.baseUrl());
        // connections opened before the stop: new ones are refused once it begins
        try (RawHttp ocrConn = new RawHttp(server.port()); RawHttp readyConn = new RawHttp(server.port())) {
            assertEquals(200, ocrConn.exchange("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status());
            assertEquals(200, readyConn.exchange("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status());
            CompletableFuture<HttpResponse<String>> inFlight =
                    CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr?format=text", "image/png", page));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!http.get("/metrics").body().contains("ocr_engines_busy 1.0") && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.isReady() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertFalse(inFlight.isDone(), "the first request should still be running");
            RawHttp.Answer refused = ocrConn.exchange(RawHttp.post("/v1/ocr", "image/png", small));
            assertEquals(503, refused.status(), refused.body());
            assertEquals("shutting_down", Http.json(refused.body()).get("error").get("code").asText());
            assertEquals("1", refused.header("Retry-After"));
            RawHttp.Answer notReady = readyConn.exchange("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(503, notReady.status(), notReady.body());
            assertEquals("shutting_down", Http.json(notReady.body()).get("error").get("code").asText());
            HttpResponse<String> r = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("lazy dog"), r.body());
            stopping.get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    @Test
    void stopsPromptlyAfterSittingIdlePastJettysIdleTimeouts() throws Exception {
        // default grace (twice the 60 s timeout plus 5 s): only requests in flight may use it
        OcrServer server = TestServers.start(TestServers.config("eng").jobs(2).queue(16).idleTimeoutMillis(300).build());
        Http http = new Http(server.baseUrl());
        byte[] png = TestImages.png(List.of("Hello world 2026"));
        List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            load.add(CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr?format=text", "image/png", png)));
        }
        for (CompletableFuture<HttpResponse<String>> f : load) {
            assertEquals(200, f.get(60, TimeUnit.SECONDS).statusCode());
        }
        // idle connections are closed and idle request threads exit meanwhile
        Thread.sleep(2_000);
        long t0 = System.nanoTime();
        server.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 4_000, "stopped in " + ms + " ms");
        server.awaitStop();
    }
}
