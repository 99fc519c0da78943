package dev.ocrcli.server;

import dev.ocrcli.OcrException;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.pipeline.Pipeline;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import org.eclipse.jetty.server.MultiPartFormInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a {@code POST /v1/ocr} request: its parameters (query string, and form fields of a
 * multipart body), its body (the raw body, or the multipart field {@code file}) within the body
 * limit, and what the body is (by its bytes, see {@link Signatures}). Every failure is an
 * {@link ApiError} with the status it deserves.
 */
final class RequestParser {
    private static final String MULTIPART = "multipart/form-data";
    /** A form with more parts than this is not an upload of one image. */
    private static final int MAX_PARTS = 64;

    /** Parameters of {@code POST /v1/ocr}. */
    record Params(PoolCache.Key key, OutputFormat format) {}

    /** A request read whole: what to do and the document's bytes. */
    record OcrRequest(Params params, byte[] body, Signatures.Format type) {}

    private final long maxBody;
    private final PoolCache.Key defaults;
    private final Supplier<String> serverPreprocess;

    /**
     * @param maxBody          largest body accepted, in bytes
     * @param defaults         the server's own language set and psm
     * @param serverPreprocess the server's own {@code --preprocess}: requests naming it share the default pool
     */
    RequestParser(long maxBody, PoolCache.Key defaults, Supplier<String> serverPreprocess) {
        this.maxBody = maxBody;
        this.defaults = defaults;
        this.serverPreprocess = serverPreprocess;
    }

    /** True for a multipart/form-data request. */
    static boolean isMultipart(Context ctx) {
        return MULTIPART.equals(baseType(ctx.contentType()));
    }

    /**
     * Checks that need no body: the declared length, and for a raw body its parameters (all in the
     * query string), so that a bad request is refused before anything is read.
     *
     * @return the parameters of a raw-body request; null for multipart (they may be form fields)
     */
    Params head(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBody) {
            ctx.header("Connection", "close");
            throw tooLarge();
        }
        return isMultipart(ctx) ? null : params(ctx::queryParam);
    }

    /** Reads the body (and, for multipart, the form fields) and tells what it is. */
    OcrRequest read(Context ctx, Params fromHead) throws IOException {
        byte[] raw = readLimited(ctx.req().getInputStream());
        Params params = fromHead;
        byte[] body = raw;
        if (isMultipart(ctx)) {
            Map<String, byte[]> parts = multipart(raw, ctx.contentType());
            if (!parts.containsKey("file")) {
                throw new ApiError(400, "missing_file", "multipart/form-data request without a 'file' field");
            }
            body = parts.get("file");
            params = params(name -> {
                String v = ctx.queryParam(name);
                if (v == null && parts.containsKey(name)) {
                    v = new String(parts.get(name), StandardCharsets.UTF_8);
                }
                return v;
            });
            if (body.length == 0) {
                throw new ApiError(400, "empty_body", "the 'file' field is empty");
            }
        } else if (body.length == 0) {
            throw new ApiError(400, "empty_body", "the request body is empty: send the image or PDF as the body");
        }
        Signatures.Format type = Signatures.sniff(body);
        if (type == null) {
            String declared = isMultipart(ctx) ? null : baseType(ctx.contentType());
            throw new ApiError(415, "unsupported_media_type", "the body is not an image or a PDF"
                    + (declared == null || declared.isEmpty() ? "" : " (declared as " + Errors.clip(declared) + ")")
                    + ": send PNG, JPEG, TIFF, BMP, GIF, WebP, JPEG 2000 or PDF, as the body or as multipart/form-data field 'file'");
        }
        return new OcrRequest(params, body, type);
    }

    /** The parameters, each looked up by name (query string first for multipart requests). */
    Params params(Function<String, String> param) {
        List<String> langs = defaults.languages();
        String lang = param.apply("lang");
        if (lang != null && !lang.isBlank()) {
            // '+' in a query string is a space once decoded: "eng+rus" arrives as "eng rus"
            String spec = lang.strip().replaceAll("\\s+", "+");
            try {
                langs = TessdataLocator.parseLanguages(spec);
            } catch (OcrException e) {
                throw new ApiError(400, "bad_parameter", "lang: " + Errors.clip(e.getMessage()));
            }
        }
        int psm = defaults.psm();
        String psmText = param.apply("psm");
        if (psmText != null && !psmText.isBlank()) {
            try {
                psm = Integer.parseInt(psmText.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad_parameter", "psm must be a number 1..13, not '" + Errors.clip(psmText) + "'");
            }
            if (psm < 1 || psm > 13) {
                throw new ApiError(400, "bad_parameter", "psm must be 1..13, not " + psm);
            }
        }
        OutputFormat fmt = OutputFormat.JSON;
        String format = param.apply("format");
        if (format != null && !format.isBlank()) {
            try {
                fmt = OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_parameter", "format: " + Errors.clip(e.getMessage()));
            }
        }
        String pp = defaults.preprocess();
        String preprocess = param.apply("preprocess");
        if (preprocess != null && !preprocess.isBlank()) {
            pp = preprocess.strip().toLowerCase(Locale.ROOT);
            try {
                Pipeline.parse(pp, 0);
            } catch (OcrException e) {
                throw new ApiError(400, "bad_parameter", "preprocess: " + Errors.clip(e.getMessage()));
            }
            if (pp.equals(serverPreprocess.get())) {
                pp = null; // the server's own setting: no separate pool
            }
        }
        return new Params(new PoolCache.Key(langs, psm, pp), fmt);
    }

    private ApiError tooLarge() {
        return new ApiError(413, "body_too_large", "request body is larger than the limit of " + maxBody + " bytes");
    }

    private byte[] readLimited(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBody) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiError(400, "bad_request", "cannot read the request body: " + Errors.clip(e.getMessage()));
        }
    }

    /**
     * The parts of a multipart/form-data body already in memory, by name (the first of each).
     * The body was read within the body limit, so the parser runs without limits of its own:
     * everything it refuses is a malformed body (wrong, missing or truncated boundary, a part
     * without a name...), answered 400.
     */
    private static Map<String, byte[]> multipart(byte[] body, String contentType) {
        // the threshold above any body we accept keeps every part in memory: nothing is written to disk
        MultipartConfigElement config = new MultipartConfigElement(tmpDir().getPath(), -1, -1, Integer.MAX_VALUE);
        Map<String, byte[]> parts = new HashMap<>();
        try {
            MultiPartFormInputStream form = new MultiPartFormInputStream(new ByteArrayInputStream(body), contentType, config, tmpDir(),
                    MAX_PARTS);
            try {
                for (Part p : form.getParts()) {
                    if (!parts.containsKey(p.getName())) {
                        try (InputStream in = p.getInputStream()) {
                            parts.put(p.getName(), in.readAllBytes());
                        }
                    }
                }
            } finally {
                form.deleteParts();
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiError(400, "bad_request", "malformed multipart/form-data body: " + Errors.clip(rootMessage(e)));
        }
        return parts;
    }

    private static File tmpDir() {
        return new File(System.getProperty("java.io.tmpdir"));
    }

    static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
