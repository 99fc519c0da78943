package dev.ocrcli.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bearer keys from a file, open health endpoints, and CORS for one origin. */
class AuthAndCorsTest {
    static final String ORIGIN = "https://app.example.com";
    static OcrServer server;
    static Http http;
    static byte[] png;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.txt");
        Files.writeString(keys, "# keys for tests\n\nfirst-key-0123456789\n  second-key-abcdef  \n");
        server = TestServers.start(TestServers.config("eng").jobs(1).apiKeys(ApiKeys.readFile(keys)).corsOrigin(ORIGIN).build());
        http = new Http(server.baseUrl());
        png = TestImages.png(List.of("Hello world 2026"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keyIsRequiredOnTheApi() {
        for (String[] h : new String[][] {{}, {"Authorization", "Bearer wrong"}, {"Authorization", "Bearer first-key-012345678"},
                {"Authorization", "Basic Zmlyc3Qta2V5"}, {"Authorization", "first-key-0123456789"}}) {
            HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", png, h);
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("unauthorized", Http.errorCode(r));
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
        assertEquals(401, http.get("/v1/languages").statusCode());
        assertEquals(401, http.get("/metrics").statusCode());
    }

    @Test
    void rightKeyPasses() {
        HttpResponse<String> r = http.postRaw("/v1/ocr?format=text", "image/png", png, "Authorization", "Bearer first-key-0123456789");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Hello world 2026"));
        assertEquals(200, http.get("/metrics", "Authorization", "bearer second-key-abcdef").statusCode());
        assertEquals(200, http.get("/v1/languages", "Authorization", "Bearer second-key-abcdef").statusCode());
    }

    @Test
    void healthEndpointsStayOpen() {
        assertEquals(200, http.get("/healthz").statusCode());
        assertEquals(200, http.get("/readyz").statusCode());
        assertEquals(200, http.get("/openapi.json").statusCode());
    }

    @Test
    void corsOnlyForTheConfiguredOrigin() {
        HttpResponse<String> r = http.get("/healthz", "Origin", ORIGIN);
        assertEquals(ORIGIN, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<String> other = http.get("/healthz", "Origin", "https://evil.example.net");
        assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent(), other.headers().toString());
        HttpResponse<String> pre = http.send(HttpRequest.newBuilder(URI.create(http.base + "/v1/ocr"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertTrue(pre.statusCode() < 300, pre.statusCode() + " " + pre.body());
        assertEquals(ORIGIN, pre.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void keyFiles(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nothing\n\n");
        assertThrows(IOException.class, () -> ApiKeys.readFile(empty));
        ApiKeys k = ApiKeys.of(List.of("abc"));
        assertTrue(k.accepts("abc"));
        assertFalse(k.accepts("abcd"));
        assertFalse(k.accepts(""));
        assertFalse(k.acceptsAuthorization(null));
        assertFalse(ApiKeys.none().enabled());
    }
}
