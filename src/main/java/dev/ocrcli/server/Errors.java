package dev.ocrcli.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocrcli.OcrException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Every error answer of the server, in one place: library failures by {@link OcrException.Kind}
 * (one exhaustive switch), the HTTP statuses Jetty and Javalin answer on their own (a malformed
 * request line, headers too large, an unknown route...), and the one JSON body they all get:
 * {@code {"error": {"code": ..., "message": ...}}}.
 */
final class Errors {
    static final String JSON_TYPE = "application/json";
    private static final JsonFactory JSON = new JsonFactory();

    private Errors() {
    }

    /** Library failures as HTTP answers: one status and code per kind. */
    static ApiError of(OcrException e) {
        String m = e.getMessage();
        return switch (e.kind()) {
            case BAD_ARGUMENT -> new ApiError(400, "bad_parameter", m);
            case INPUT_NOT_FOUND -> new ApiError(400, "bad_request", m);
            case LANGUAGE_MISSING -> new ApiError(400, "language_missing", m);
            case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_media_type", m);
            case INPUT_UNREADABLE -> new ApiError(422, "corrupt_image", m);
            case IMAGE_TOO_LARGE -> new ApiError(413, "image_too_large", m);
            case TOO_MANY_PAGES -> new ApiError(413, "too_many_pages", m);
            case TIMEOUT -> new ApiError(504, "timeout", m);
            case NATIVE_UNAVAILABLE, SERVICE_UNAVAILABLE -> new ApiError(503, "engine_unavailable", m);
            case INTERRUPTED -> new ApiError(503, "shutting_down", m, 1);
            case LANGUAGE_DAMAGED -> new ApiError(500, "language_damaged", m);
            case ENGINE_FAILED -> new ApiError(500, "engine_failed", m);
            case OUTPUT_FAILED, INSTALL_FAILED -> new ApiError(500, "internal", m);
        };
    }

    /**
     * A status that Jetty or Javalin chose (the request never reached a handler of ours, or a
     * handler threw Javalin's own exception), with its code and a sentence saying what it means.
     */
    static ApiError ofStatus(int status, String reason) {
        record Known(String code, String message) {}
        Known k = switch (status) {
            case 400 -> new Known("bad_request", "malformed HTTP request");
            case 401 -> new Known("unauthorized", "authentication required");
            case 404 -> new Known("not_found", "no such endpoint");
            case 405 -> new Known("method_not_allowed", "method not allowed here");
            case 408 -> new Known("request_timeout", "the request did not arrive in time");
            case 411 -> new Known("length_required", "a body needs Content-Length or chunked transfer encoding");
            case 413 -> new Known("body_too_large", "request body too large");
            case 414 -> new Known("uri_too_long", "the URL is longer than the server accepts (8 KB with the headers)");
            case 415 -> new Known("unsupported_media_type", "unsupported media type");
            case 417 -> new Known("expectation_failed", "unsupported Expect header (only 100-continue is understood)");
            case 431 -> new Known("headers_too_large", "the request headers are larger than the server accepts (8 KB)");
            case 501 -> new Known("not_implemented", "not implemented");
            case 503 -> new Known("unavailable", "service unavailable");
            case 505 -> new Known("http_version_not_supported", "HTTP version not supported (speak HTTP/1.1)");
            default -> new Known(status >= 500 ? "internal" : "bad_request", "HTTP status " + status);
        };
        // Jetty's reason says more when it is not just the status's name ("No Host", "Invalid Content-Length Value")
        boolean says = reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(HttpStatus.getMessage(status));
        return new ApiError(status, k.code(), says ? k.message() + ": " + reason : k.message());
    }

    /** The JSON body of an error, one line, ending in a newline. */
    static byte[] body(ApiError e) {
        return json(g -> {
            g.writeObjectFieldStart("error");
            g.writeStringField("code", e.code);
            g.writeStringField("message", oneLine(e.getMessage()));
            g.writeEndObject();
        });
    }

    /** Writes the fields of one JSON object. */
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** A JSON object, one line, ending in a newline. */
    static byte[] json(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Text from a client or a library, safe to echo in a one-line message. */
    static String clip(String s) {
        String t = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }

    /**
     * Jetty's error pages as our JSON: both the answers its HTTP parser gives before any handler
     * runs (bad Content-Length, no Host, URL or headers too large, an unknown {@code Expect},
     * {@code HTTP/9.9}) and errors raised inside the servlet container.
     */
    static final class JsonErrorHandler extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
            return ByteBuffer.wrap(body(ofStatus(status, reason == null ? null : clip(reason))));
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                                  int code, String message) throws IOException {
            byte[] b = body(ofStatus(code, message == null ? null : clip(message)));
            baseRequest.setHandled(true);
            response.setContentType(JSON_TYPE);
            response.setContentLength(b.length);
            response.getOutputStream().write(b);
        }
    }
}
