package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A small client over java.net.http for the tests. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient client;
    final String base;

    Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    /** The image as the raw body. */
    HttpResponse<String> postRaw(String pathAndQuery, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b, headers);
    }

    /** The document as the raw body with no Content-Type at all. */
    HttpResponse<String> postUntyped(String pathAndQuery, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Like {@link #postRaw} but the answer kept as bytes (PDF). */
    HttpResponse<byte[]> postRawBytes(String pathAndQuery, String contentType, byte[] body) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(90)).build();
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data request with the image in {@code file} and text fields. */
    HttpResponse<String> postMultipart(String pathAndQuery, String fileContentType, byte[] file, String... fields) {
        return send(multipartRequest(pathAndQuery, fileContentType, file, fields));
    }

    HttpRequest.Builder multipartRequest(String pathAndQuery, String fileContentType, byte[] file, String... fields) {
        String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"page\"\r\nContent-Type: "
                    + fileContentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(file);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
    }

    HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + r.statusCode() + "): " + r.body(), e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The error code of a JSON error answer, checking its shape. */
    static String errorCode(HttpResponse<String> r) {
        JsonNode n = json(r);
        JsonNode err = n.get("error");
        if (err == null || !err.hasNonNull("code") || !err.hasNonNull("message") || err.get("message").asText().isBlank()) {
            throw new AssertionError("not an error document: " + r.body());
        }
        return err.get("code").asText();
    }
}
