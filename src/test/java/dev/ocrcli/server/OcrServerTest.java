package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API end to end: a real server on a loopback port with real eng+rus engines. */
class OcrServerTest {
    static final long MAX_BODY = 1 << 20;
    static OcrServer server;
    static Http http;
    static byte[] helloPng;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(TestServers.config("eng+rus").jobs(2).queue(64).maxBodyBytes(MAX_BODY)
                .maxPixels(50_000_000).timeoutMillis(60_000).build());
        http = new Http(server.baseUrl());
        helloPng = TestImages.png(List.of("Hello world 2026", "Привет мир"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String text(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).get("text").asText();
    }

    private static void assertHello(String text) {
        assertTrue(text.contains("Hello world 2026"), text);
        assertTrue(text.contains("Привет мир"), text);
    }

    @Test
    void rawBodyEngRus() {
        HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", helloPng);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertHello(text(r));
        JsonNode doc = Http.json(r);
        assertEquals("eng", doc.get("languages").get(0).asText());
        assertEquals("rus", doc.get("languages").get(1).asText());
        assertTrue(doc.get("pages").get(0).get("lines").size() >= 2, r.body());
        assertNull(r.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "CORS is off by default");
    }

    @Test
    void multipartWithFormFields() {
        HttpResponse<String> r = http.postMultipart("/v1/ocr", "image/png", helloPng, "lang", "eng+rus", "format", "text");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertHello(r.body());
    }

    @Test
    void jpegAndTextFormatQuery() {
        byte[] jpg = TestImages.encode(TestImages.render(List.of("Hello world 2026", "Привет мир"), 32), "jpeg");
        HttpResponse<String> r = http.postRaw("/v1/ocr?format=text&preprocess=none&psm=6", "image/jpeg", jpg);
        assertEquals(200, r.statusCode(), r.body());
        assertHello(r.body());
    }

    @Test
    void otherLanguageSetGetsItsOwnPool() {
        byte[] png = TestImages.png(List.of("Quick brown fox 42"));
        HttpResponse<String> r = http.postRaw("/v1/ocr?lang=eng&preprocess=auto", "image/png", png);
        assertTrue(text(r).contains("Quick brown fox 42"), r.body());
        assertEquals(1, Http.json(r).get("languages").size());
        JsonNode langs = Http.json(http.get("/v1/languages"));
        assertEquals("eng+rus", langs.get("default").asText());
        assertTrue(langs.get("loaded").toString().contains("\"eng\""), langs.toString());
        List<String> names = new ArrayList<>();
        langs.get("languages").forEach(n -> names.add(n.get("name").asText()));
        assertTrue(names.contains("eng") && names.contains("rus"), names.toString());
    }

    @Test
    void langAutoChoosesTheLanguagesFromThePage() {
        HttpResponse<String> r = http.postRaw("/v1/ocr?lang=auto", "image/png", helloPng);
        assertEquals(200, r.statusCode(), r.body());
        assertHello(text(r));
        assertEquals("[\"eng\",\"rus\"]", Http.json(r).get("languages").toString());
        assertEquals("bad_parameter", error(http.postRaw("/v1/ocr?lang=auto%2Beng", "image/png", helloPng), 400));
    }

    @Test
    void badParameters() {
        assertEquals("language_missing", error(http.postRaw("/v1/ocr?lang=xyzq", "image/png", helloPng), 400));
        assertEquals("bad_parameter", error(http.postRaw("/v1/ocr?lang=..%2Fetc%2Fpasswd", "image/png", helloPng), 400));
        assertEquals("bad_parameter", error(http.postRaw("/v1/ocr?psm=0", "image/png", helloPng), 400));
        assertEquals("bad_parameter", error(http.postRaw("/v1/ocr?psm=x", "image/png", helloPng), 400));
        assertEquals("bad_parameter", error(http.postRaw("/v1/ocr?format=docx", "image/png", helloPng), 400));
        assertEquals("bad_parameter", error(http.postRaw("/v1/ocr?preprocess=sharpen", "image/png", helloPng), 400));
        assertEquals("missing_file", error(http.postMultipart("/v1/ocr", "image/png", null, "lang", "eng"), 400));
        assertEquals("empty_body", error(http.postRaw("/v1/ocr", "image/png", new byte[0]), 400));
        assertEquals("language_missing", error(http.postMultipart("/v1/ocr", "image/png", helloPng, "lang", "nosuchlang"), 400));
    }

    static byte[] twoPagePdf() {
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        try (dev.ocrcli.output.PdfWriter.PageSink sink = dev.ocrcli.output.PdfWriter.open()) {
            String[] pages = {"First page of the letter", "Second page follows here"};
            for (int i = 0; i < pages.length; i++) {
                dev.ocrcli.image.GrayImage g = dev.ocrcli.image.GrayImage.from(TestImages.render(List.of(pages[i]), 40));
                sink.add(new dev.ocrcli.result.PageResult(i + 1, g.width(), g.height(), 300, dev.ocrcli.result.PageTree.EMPTY, List.of()), g);
            }
            sink.save(pdf);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    @Test
    void pdfBodiesAreRenderedPageByPage() throws Exception {
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        pdf.writeBytes(twoPagePdf());
        HttpResponse<String> r = http.postRaw("/v1/ocr?lang=eng", "application/pdf", pdf.toByteArray());
        assertEquals(200, r.statusCode(), r.body());
        var json = Http.json(r);
        assertEquals(2, json.get("pages").size());
        assertTrue(json.get("pages").get(0).get("text").asText().contains("First page of the letter"), r.body());
        assertTrue(json.get("pages").get(1).get("text").asText().contains("Second page follows here"), r.body());
        HttpResponse<String> multi = http.postMultipart("/v1/ocr?format=text&lang=eng", "application/pdf", pdf.toByteArray());
        assertEquals(200, multi.statusCode(), multi.body());
        assertTrue(multi.body().contains("Second page follows here"), multi.body());
    }

    @Test
    void notAnImageIs415() {
        // a broken PDF is a corrupt document, not a wrong media type
        assertTrue(Http.json(http.postRaw("/v1/ocr", "application/pdf", "%PDF-1.7\n".getBytes())).toString().contains("PDF"));
        assertEquals(422, http.postRaw("/v1/ocr", "application/pdf", "%PDF-1.7\n".getBytes()).statusCode());
        assertEquals("unsupported_media_type", error(http.postRaw("/v1/ocr", "text/plain", "just some words".getBytes()), 415));
        assertEquals("unsupported_media_type", error(http.postRaw("/v1/ocr", "application/json", "{\"a\": 1}".getBytes()), 415));
        assertEquals("unsupported_media_type", error(http.postUntyped("/v1/ocr", "BM but no bitmap".getBytes()), 415));
        assertEquals("unsupported_media_type", error(http.postRaw("/v1/ocr", "image/png", TestImages.randomBytes(5000, 7)), 415));
        assertEquals("unsupported_media_type", error(http.postMultipart("/v1/ocr", "application/octet-stream", TestImages.randomBytes(3000, 8)), 415));
    }

    @Test
    void untypedAndGenericBodiesAreToldByTheirBytes() {
        // what curl --data-binary sends, what many clients send, and nothing at all
        for (String type : new String[] {"application/x-www-form-urlencoded", "application/octet-stream", "text/plain", "binary/octet-stream"}) {
            HttpResponse<String> r = http.postRaw("/v1/ocr?format=text", type, helloPng);
            assertEquals(200, r.statusCode(), type + ": " + r.body());
            assertHello(r.body());
        }
        HttpResponse<String> untyped = http.postUntyped("/v1/ocr?format=text", helloPng);
        assertEquals(200, untyped.statusCode(), untyped.body());
        assertHello(untyped.body());
        // a declared type that is wrong does not matter either: the bytes are a JPEG
        byte[] jpg = TestImages.encode(TestImages.render(List.of("Hello world 2026", "Привет мир"), 32), "jpeg");
        assertHello(text(http.postRaw("/v1/ocr", "image/png", jpg)));
        // and a PDF sent as octet-stream is read as a PDF
        HttpResponse<String> pdf = http.postRaw("/v1/ocr?format=text", "application/octet-stream", twoPagePdf());
        assertEquals(200, pdf.statusCode(), pdf.body());
        assertTrue(pdf.body().contains("Second page follows here"), pdf.body());
    }

    @Test
    void langWithPlusAsTheReadmeWritesIt() {
        // in a query string '+' is a space: ?lang=eng+rus arrives as "eng rus"
        HttpResponse<String> r = http.postRaw("/v1/ocr?lang=eng+rus", "image/png", helloPng);
        assertHello(text(r));
        assertEquals("[\"eng\",\"rus\"]", Http.json(r).get("languages").toString());
        assertHello(text(http.postRaw("/v1/ocr?lang=eng%20rus", "image/png", helloPng)));
        assertHello(text(http.postRaw("/v1/ocr?lang=eng,rus", "image/png", helloPng)));
        assertHello(text(http.postMultipart("/v1/ocr", "image/png", helloPng, "lang", "eng+rus")));
    }

    @Test
    void malformedMultipartIs400() {
        HttpRequest.Builder ok = http.multipartRequest("/v1/ocr", "image/png", helloPng);
        String boundary = ok.build().headers().firstValue("Content-Type").orElseThrow().replaceFirst(".*boundary=", "");
        byte[] body = multipartBody(boundary, helloPng);
        // the header names another boundary than the body uses
        assertEquals("bad_request", error(http.postRaw("/v1/ocr", "multipart/form-data; boundary=someotherboundary", body), 400));
        // no boundary at all
        assertEquals("bad_request", error(http.postRaw("/v1/ocr", "multipart/form-data", body), 400));
        // cut off in the middle of the file, before the closing boundary
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
        assertEquals("bad_request", error(http.postRaw("/v1/ocr", "multipart/form-data; boundary=" + boundary, cut), 400));
        // the whole body is fine
        assertHello(text(http.postRaw("/v1/ocr", "multipart/form-data; boundary=" + boundary, body)));
    }

    private static byte[] multipartBody(String boundary, byte[] file) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"page.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void corruptImagesAre422() {
        assertEquals("corrupt_image", error(http.postRaw("/v1/ocr", "image/png", TestImages.truncated(helloPng, 0.5)), 422));
        byte[] jpg = TestImages.encode(TestImages.render(List.of("Hello world 2026"), 32), "jpeg");
        assertEquals("corrupt_image", error(http.postRaw("/v1/ocr", "image/jpeg", TestImages.truncated(jpg, 0.4)), 422));
        assertEquals("corrupt_image", error(http.postRaw("/v1/ocr", "image/png", TestImages.truncated(helloPng, 0.02)), 422));
    }

    @Test
    void pixelBombIsRefusedFromTheHeader() {
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertTrue(bomb.length < 100);
        HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", bomb);
        assertEquals("image_too_large", error(r, 413));
        // Under Tesseract's side limit but over --max-pixels (50 MP here).
        assertEquals("image_too_large", error(http.postRaw("/v1/ocr", "image/png", TestImages.pngClaiming(10_000, 10_000)), 413));
        assertEquals(200, http.get("/healthz").statusCode());
    }

    @Test
    void declaredBodyOverTheLimitIsRefusedBeforeReading() throws Exception {
        // Headers only: the server must answer without waiting for a gigabyte that never comes.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/ocr HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: 1000000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 413"), head);
        }
    }

    @Test
    void streamedBodyOverTheLimitIs413() throws Exception {
        // Chunked, so no Content-Length: the limit is enforced while reading.
        byte[] big = new byte[(int) MAX_BODY * 2];
        System.arraycopy(helloPng, 0, big, 0, helloPng.length);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /v1/ocr HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            int chunk = 64 * 1024;
            try {
                for (int off = 0; off < big.length; off += chunk) {
                    out.write((Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(big, off, chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may close the connection after answering; the answer is still there to read
            }
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 413"), head);
        }
        // the same through the Java client, multipart with a known size
        HttpResponse<String> r = http.send(http.multipartRequest("/v1/ocr", "image/png", big));
        assertEquals("body_too_large", error(r, 413));
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    @Test
    void endpointsAndErrorsAreJson() throws Exception {
        assertEquals("ok", Http.json(http.get("/healthz")).get("status").asText());
        assertEquals("ready", Http.json(http.get("/readyz")).get("status").asText());
        assertEquals("not_found", error(http.get("/v1/nothing-here"), 404));
        assertEquals("method_not_allowed", error(http.get("/v1/ocr"), 405));
        http.postRaw("/v1/ocr", "image/png", helloPng);
        HttpResponse<String> m = http.get("/metrics");
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String metrics = m.body();
        for (String name : List.of("ocr_http_requests_total{", "ocr_http_request_duration_seconds_bucket{", "ocr_queue_depth ",
                "ocr_engines_busy ", "ocr_engines ", "ocr_requests_inflight ", "ocr_engine_pools ", "ocr_engines_max ",
                "ocr_work_running ", "ocr_ready 1.0", "process_resident_memory_bytes ")) {
            assertTrue(metrics.contains(name), name + " missing from /metrics");
        }
        assertTrue(metrics.matches("(?s).*ocr_http_requests_total\\{method=\"POST\",path=\"/v1/ocr\",status=\"200\"} [1-9].*"), metrics);
    }

    @Test
    void fiftyConcurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        int n = 50;
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(TestImages.png(List.of("Order " + (1000 + i * 37))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] img = images.get(i);
                boolean multipart = i % 2 == 0;
                futures.add(CompletableFuture.supplyAsync(() -> multipart
                        ? http.postMultipart("/v1/ocr?lang=eng%2Brus", "image/png", img)
                        : http.postRaw("/v1/ocr", "image/png", img), pool));
            }
            for (int i = 0; i < n; i++) {
                HttpResponse<String> r = futures.get(i).get(120, TimeUnit.SECONDS);
                String t = text(r);
                assertTrue(t.contains(Integer.toString(1000 + i * 37)), "request " + i + " got: " + t);
            }
        } finally {
            pool.shutdownNow();
        }
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("ocr_queue_depth 0.0") && metrics.contains("ocr_engines_busy 0.0"), "queue drained after the burst");
    }

    private static String error(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return Http.errorCode(r);
    }
}
