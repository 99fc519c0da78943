package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engines for other languages, psm or preprocessing stay within {@code maxEngines} in total,
 * pools nobody uses are closed after the idle time, and {@code /metrics} says how many engines
 * are loaded and how much memory the process holds.
 */
class EngineBudgetTest {
    private static double metric(Http http, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(http.get("/metrics").body());
        assertTrue(m.find(), name + " missing from /metrics");
        return Double.parseDouble(m.group(1));
    }

    private static List<String> loaded(Http http) {
        List<String> out = new ArrayList<>();
        Http.json(http.get("/v1/languages")).get("loaded").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void read(Http http, String query, byte[] png, String expect) {
        HttpResponse<String> r = http.postRaw("/v1/ocr?format=text&" + query, "image/png", png);
        assertEquals(200, r.statusCode(), query + ": " + r.body());
        assertTrue(r.body().contains(expect), query + ": " + r.body());
    }

    @Test
    void poolsStayWithinTheEngineBudgetAndIdleOnesAreClosed() throws Exception {
        byte[] png = TestImages.png(List.of("Hello world 2026"));
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).maxEngines(3).poolIdleMillis(1_500).build())) {
            Http http = new Http(server.baseUrl());
            assertEquals(1.0, metric(http, "ocr_engines"));
            assertEquals(3.0, metric(http, "ocr_engines_max"));
            read(http, "lang=rus%2Beng", png, "Hello world 2026");
            read(http, "lang=eng%2Brus", png, "Hello world 2026");
            assertEquals(List.of("eng", "rus+eng", "eng+rus"), loaded(http));
            assertEquals(3.0, metric(http, "ocr_engines"));
            // a fourth pool pushes out the one used longest ago
            read(http, "psm=6", png, "Hello world 2026");
            assertEquals(List.of("eng", "eng+rus", "eng psm 6"), loaded(http));
            assertEquals(3.0, metric(http, "ocr_engines"));
            assertEquals(3.0, metric(http, "ocr_engine_pools"));
            // nobody uses them: closed after the idle time, the default stays
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (loaded(http).size() > 1 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(List.of("eng"), loaded(http));
            assertEquals(1.0, metric(http, "ocr_engines"));
            read(http, "", png, "Hello world 2026");
        }
    }

    @Test
    void noRoomWhileTheOtherPoolsAreInUseIs503() throws Exception {
        byte[] page = OverloadAndTimeoutTest.bigPage();
        byte[] png = TestImages.png(List.of("Hello world 2026"));
        // 2 engines by default and room for one more: one other pool of one engine
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(2).maxEngines(3).build())) {
            Http http = new Http(server.baseUrl());
            CompletableFuture<HttpResponse<String>> busy =
                    CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr?format=text&psm=6", "image/png", page));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (metric(http, "ocr_engines_busy") < 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            HttpResponse<String> r = http.postRaw("/v1/ocr?lang=rus", "image/png", png);
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("overloaded", Http.errorCode(r));
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
            assertTrue(metric(http, "ocr_engines") <= 3.0);
            assertEquals(200, busy.get(60, TimeUnit.SECONDS).statusCode());
            // once it is free, the idle pool makes room
            HttpResponse<String> later = http.postRaw("/v1/ocr?lang=rus&format=text", "image/png", TestImages.png(List.of("Привет мир")));
            assertEquals(200, later.statusCode(), later.body());
            assertTrue(later.body().contains("Привет мир"), later.body());
            assertEquals(3.0, metric(http, "ocr_engines"));
        }
    }

    @Test
    void metricsReportTheResidentMemoryOfTheProcess() throws Exception {
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).build())) {
            Http http = new Http(server.baseUrl());
            double reported = metric(http, "process_resident_memory_bytes");
            // the server runs in this JVM: the same number as the kernel gives us, give or take what moved meanwhile
            long ours = 0;
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    ours = Long.parseLong(l.replaceAll("\\D", "")) * 1024;
                }
            }
            assertTrue(ours > 50_000_000L, "VmRSS " + ours);
            assertTrue(reported > ours * 0.7 && reported < ours * 1.3, "reported " + reported + ", /proc says " + ours);
            JsonNode langs = Http.json(http.get("/v1/languages"));
            assertEquals("eng", langs.get("loaded").get(0).asText());
        }
    }
}
