package dev.ocrcli.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.server.OcrServer;
import dev.ocrcli.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Fuzz target: the real server on a loopback port, a real HTTP client posting fuzzed bodies
 * with a fuzzed content type and query to {@code /v1/ocr}. Every answer must be a deliberate one
 * (200 with a result, or a 4xx, 503 or 504 with a JSON error body), never a 500, and the server
 * must keep answering. Seed corpus in {@code src/test/resources/dev/ocrcli/fuzz/ServerFuzzTestInputs/}.
 */
class ServerFuzzTest {
    static {
        // the decoders' warnings about every broken input would fill the log and slow the fuzzer
        dev.ocrcli.image.ThirdPartyLogging.configure(0);
    }

    static final List<String> TYPES = List.of("", "image/png", "image/jpeg", "application/pdf", "application/octet-stream",
            "multipart/form-data; boundary=xyz", "text/plain", "image/tiff", "application/x-www-form-urlencoded");
    static final List<String> QUERIES = List.of("", "lang=eng", "format=json", "format=hocr", "format=tsv", "lang=eng+rus",
            "psm=6", "psm=99", "lang=../../etc", "format=nope", "preprocess=none", "lang=eng&format=alto&psm=11", "format=pdf",
            "lang=%25ZZ", "lang=%E2%82", "lang=" + "e".repeat(300));
    static final Set<Integer> EXPECTED = Set.of(200, 400, 401, 404, 405, 411, 413, 415, 422, 429, 503, 504);

    static OcrServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        server = OcrServer.start(ServerConfig.builder((langs, psm) -> OcrEngine.builder().languages(langs).pageSegMode(psm))
                .host("127.0.0.1").port(0).jobs(1).maxPixels(4_000_000).timeoutMillis(20_000).build());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Jazzer's request-forgery detector flags every outgoing connection; ours go to our own server
     * on loopback only. Outside a fuzzing run the detector is not installed and nothing is needed.
     */
    static SilentCloseable allowLoopback() {
        try {
            return BugDetectors.allowNetworkConnections((host, port) -> port == server.port()
                    && (host.equals("127.0.0.1") || host.equals("localhost")));
        } catch (IllegalStateException e) {
            return () -> { };
        }
    }

    /** The first byte picks the content type, the second the query; the rest is the body (seeds: two bytes, then a file). */
    // one input past this is a finding that libFuzzer saves (fuzz.sh turns JUnit's own timing of
    // the whole run off); the server answers within about twice its 20 s timeout, the client gives up at 60 s
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void requests(byte[] data) throws Exception {
        String type = TYPES.get(data.length > 0 ? (data[0] & 0xff) % TYPES.size() : 0);
        String query = QUERIES.get(data.length > 1 ? (data[1] & 0xff) % QUERIES.size() : 0);
        byte[] body = data.length > 2 ? java.util.Arrays.copyOfRange(data, 2, data.length) : new byte[0];
        String url = server.baseUrl() + "/v1/ocr" + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!type.isEmpty()) {
            req.header("Content-Type", type);
        }
        HttpResponse<String> r;
        try (SilentCloseable ignored = allowLoopback()) {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (!EXPECTED.contains(r.statusCode())) {
            throw new AssertionError("HTTP " + r.statusCode() + " for " + type + " ?" + query + ": " + r.body());
        }
        if (r.statusCode() != 200 && !r.body().startsWith("{")) {
            throw new AssertionError("error bodies are JSON: " + r.statusCode() + " " + r.body());
        }
    }
}
