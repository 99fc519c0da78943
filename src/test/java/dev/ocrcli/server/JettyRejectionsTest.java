package dev.ocrcli.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests Jetty refuses before any handler of ours runs (its HTTP parser) are answered with the
 * same JSON error body as everything else, never an HTML page; the server keeps serving.
 */
class JettyRejectionsTest {
    static OcrServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(TestServers.config("eng").jobs(1).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Answer send(String request) throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            return c.exchange(request);
        }
    }

    private static void assertJsonError(RawHttp.Answer a, int status, String code) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.headers().toString());
        assertFalse(a.body().contains("<"), "no HTML: " + a.body());
        String got = Http.json(a.body()).path("error").path("code").asText();
        assertEquals(code, got, a.body());
        assertFalse(Http.json(a.body()).path("error").path("message").asText().isBlank(), a.body());
    }

    @Test
    void badContentLength() throws IOException {
        assertJsonError(send("POST /v1/ocr HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: 12abc\r\n\r\n"),
                400, "bad_request");
    }

    @Test
    void noHost() throws IOException {
        RawHttp.Answer a = send("GET /healthz HTTP/1.1\r\n\r\n");
        assertJsonError(a, 400, "bad_request");
        assertTrue(a.body().contains("Host"), a.body());
    }

    @Test
    void urlOver8Kb() throws IOException {
        assertJsonError(send("GET /healthz?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 414, "uri_too_long");
    }

    @Test
    void headersTooLarge() throws IOException {
        assertJsonError(send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "b".repeat(9000) + "\r\n\r\n"),
                431, "headers_too_large");
    }

    @Test
    void unknownExpectation() throws IOException {
        assertJsonError(send("POST /v1/ocr HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-foo\r\nContent-Type: image/png\r\n"
                + "Content-Length: 3\r\n\r\nabc"), 417, "expectation_failed");
    }

    @Test
    void unknownHttpVersion() throws IOException {
        assertJsonError(send("GET /healthz HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"), 505, "http_version_not_supported");
    }

    @Test
    void garbageRequestLine() throws IOException {
        assertJsonError(send("\u0001\u0002 nonsense\r\n\r\n"), 400, "bad_request");
    }

    @Test
    void javalinsOwnAnswersAreJsonToo() throws IOException {
        assertJsonError(send("GET /no/such/thing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 404, "not_found");
        assertJsonError(send("DELETE /v1/ocr HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 405, "method_not_allowed");
    }

    @Test
    void theServerKeepsServing() throws IOException {
        send("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n");
        send("GET /healthz HTTP/1.1\r\n\r\n");
        RawHttp.Answer ok = send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(200, ok.status(), ok.body());
        assertEquals("ok", Http.json(ok.body()).get("status").asText());
    }
}
