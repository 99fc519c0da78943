package dev.ocrcli.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands a plain {@code ocr-cli IMAGE} call to an {@code ocr-cli serve} that is already running,
 * so that a shell loop of single images does not pay a JVM's start, picocli and the model loads
 * once per image. Opt-in: only when {@code OCR_CLI_SERVER} names the server
 * ({@code http://127.0.0.1:8080} or {@code 127.0.0.1:8080}).
 *
 * <p>Only calls whose result the server gives byte for byte are handed off: one image file (not
 * a PDF, not standard input, not a folder), text output on stdout, and no options but
 * {@code -l/--lang}, {@code --psm}, {@code --preprocess}, {@code --fast} and {@code -f txt}. The
 * client sends the CLI's own defaults for what it does not say, so the server's start-up
 * options do not change the result; the server's language files are used. Everything else, and
 * every answer but a 200 with text (server down, busy, timed out, the image refused for any
 * reason), runs locally as if there were no server, so errors and exit codes are the CLI's own.
 *
 * <p>This class runs before logging, picocli or the natives are set up, and loads little else.
 */
final class Handoff {
    /** The environment variable naming the server to hand off to. */
    static final String ENV = "OCR_CLI_SERVER";
    /** The environment variable with an API key, for a server started with {@code --api-key}. */
    static final String KEY_ENV = "OCR_CLI_API_KEY";
    /** Images larger than this are read locally (the server's default body limit is 25 MB). */
    static final long MAX_BYTES = 16L << 20;
    private static final int CONNECT_MS = 500;
    /** Longer than any server timeout a loop would run with; past it the call runs locally. */
    private static final int READ_MS = 15 * 60_000;

    private Handoff() {
    }

    /**
     * Runs {@code args} on the server named by {@code server} and writes its text to {@code out}.
     *
     * @return true when the call was answered there and written; false to run it locally
     */
    static boolean run(String server, String[] args, PrintStream out) {
        if (server == null || server.isBlank()) {
            return false;
        }
        Request r = Request.of(args);
        if (r == null) {
            return false;
        }
        try {
            byte[] image = r.image();
            if (image == null) {
                return false;
            }
            byte[] text = post(server.strip(), r.query(), image, System.getenv(KEY_ENV));
            if (text == null) {
                return false;
            }
            out.write(text);
            out.flush();
            return !out.checkError();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The CLI options a handed-off call may carry, by the server parameter each becomes. */
    private static final Map<String, String> OPTIONS = Map.of("-l", "lang", "--lang", "lang", "--psm", "psm",
            "--preprocess", "preprocess", "-f", "format", "--format", "format");

    /** What a handed-off call asks for: the image file and the server's parameters. */
    record Request(Path file, Map<String, String> params) {
        /** The request for {@code args}, or null when the call is not one the server answers the same. */
        static Request of(String[] args) {
            // the CLI's own defaults, so that the server's start-up options do not change the result
            Map<String, String> p = new LinkedHashMap<>(Map.of("format", "text", "lang", "eng", "psm", "3", "preprocess", "auto"));
            boolean fast = false;
            boolean preprocess = false;
            String file = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                int eq = a.indexOf('=');
                boolean attached = a.startsWith("--") && eq > 0 || a.matches("-[lf].+");
                String name = !attached ? a : a.startsWith("--") ? a.substring(0, eq) : a.substring(0, 2);
                String value = !attached ? null : a.substring(a.startsWith("--") ? eq + 1 : 2);
                String param = OPTIONS.get(name);
                if (param != null) {
                    if (value == null && i + 1 < args.length) {
                        value = args[++i];
                    }
                    if (value == null || value.isBlank() || (param.equals("format") && !value.equals("txt") && !value.equals("text"))) {
                        return null;
                    }
                    p.put(param, param.equals("format") ? "text" : value);
                    preprocess |= param.equals("preprocess");
                } else if (a.equals("--fast")) {
                    fast = true;
                } else if (a.startsWith("-") || file != null) {
                    return null; // another option, standard input, or a second input
                } else {
                    file = a;
                }
            }
            if (file == null || (fast && preprocess)) {
                return null; // nothing to read, or --fast with --preprocess: the usage error the CLI reports itself
            }
            if (fast) {
                p.put("preprocess", "fast");
            }
            return new Request(Path.of(file), p);
        }

        /** The file's bytes, or null when it is not a single image the server reads as the CLI does. */
        byte[] image() throws IOException {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES || Files.size(file) == 0) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean pdf = bytes.length >= 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F';
            return pdf ? null : bytes;
        }

        /** The query string of {@code POST /v1/ocr}. */
        String query() {
            StringBuilder q = new StringBuilder();
            for (var e : params.entrySet()) {
                q.append(q.length() == 0 ? "" : "&").append(e.getKey()).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            return q.toString();
        }
    }

    /**
     * Posts {@code body} to {@code /v1/ocr?query} over HTTP/1.0 (so the answer is not chunked and
     * ends when the server closes), and returns the body of a 200 text answer, or null.
     */
    static byte[] post(String server, String query, byte[] body, String apiKey) throws IOException {
        String hostPort = server.startsWith("http://") ? server.substring(7) : server;
        int slash = hostPort.indexOf('/');
        if (slash >= 0) {
            hostPort = hostPort.substring(0, slash);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || hostPort.contains("://")) {
            return null;
        }
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_MS);
            s.setSoTimeout(READ_MS);
            OutputStream o = s.getOutputStream();
            String head = "POST /v1/ocr?" + query + " HTTP/1.0\r\nHost: " + hostPort
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length
                    + (apiKey == null || apiKey.isBlank() ? "" : "\r\nAuthorization: Bearer " + apiKey.strip())
                    + "\r\n\r\n";
            o.write(head.getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
            return textOf(s.getInputStream());
        }
    }

    /** The body of a {@code 200} answer with a {@code text/plain} body that is not blank, or null. */
    static byte[] textOf(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] b = all.toByteArray();
        int end = -1;
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        String[] head = new String(b, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = head[0].split(" ");
        if (status.length < 2 || !status[1].equals("200")) {
            return null;
        }
        boolean text = false;
        long length = -1;
        for (int i = 1; i < head.length; i++) {
            int c = head[i].indexOf(':');
            if (c < 0) {
                continue;
            }
            String name = head[i].substring(0, c).strip();
            String value = head[i].substring(c + 1).strip();
            if (name.equalsIgnoreCase("Content-Type")) {
                text = value.startsWith("text/plain");
            } else if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                return null;
            }
        }
        int start = end + 4;
        if (!text || (length >= 0 && length != b.length - start)) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(b, start, b.length);
        return new String(body, StandardCharsets.UTF_8).isBlank() ? null : body;
    }
}
