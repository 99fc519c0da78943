package dev.ocrcli.server;

import dev.ocrcli.cli.ExitCodes;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code OCR_CLI_SERVER}: a plain {@code ocr-cli IMAGE} handed to a running server prints the
 * same bytes as the same call run locally; what the server would not answer the same (other
 * formats, options, PDFs, broken files, a server that is down) runs locally, with the CLI's own
 * errors. Real CLI processes against a real server on loopback; the server's request counter
 * tells which calls reached it.
 */
class HandoffTest {
    static OcrServer server;
    static Map<String, String> env;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws InterruptedException {
        // the server's own defaults differ from the CLI's: the client must send the CLI's
        server = TestServers.start(TestServers.config("rus").defaultPsm(6).build());
        env = Map.of("OCR_CLI_SERVER", "http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Requests {@code POST /v1/ocr} answered so far, with any status. */
    static int served() throws IOException, InterruptedException {
        String m = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher x = Pattern.compile("ocr_http_requests_total\\{method=\"POST\",path=\"/v1/ocr\",status=\"\\d+\"} ([0-9.E]+)").matcher(m);
        double n = 0;
        while (x.find()) {
            n += Double.parseDouble(x.group(1));
        }
        return (int) n;
    }

    /** Runs {@code args} locally and handed off; asserts the same output and whether the server answered it. */
    static Run same(boolean handedOff, String... args) throws Exception {
        Run local = Cli.run(args);
        int before = served();
        Run remote = Cli.run(null, env, List.of(), args);
        int after = served();
        String what = String.join(" ", args) + "\nlocal: " + local + "\nhanded off: " + remote;
        assertEquals(local.exitCode(), remote.exitCode(), what);
        assertArrayEquals(local.stdoutBytes(), remote.stdoutBytes(), what);
        assertEquals(untimed(local.stderr()), untimed(remote.stderr()), what);
        assertEquals(handedOff, after > before, "reached the server: " + what);
        return remote;
    }

    /** A batch summary without its times. */
    static String untimed(String stderr) {
        return stderr.replaceAll("in [0-9.]+ s \\([0-9.]+ pages/s\\)", "in T");
    }

    @Test
    void plainCallsPrintWhatTheLocalCallPrints() throws Exception {
        String english = Shared.repo().resolve("samples/english.png").toString();
        String mixed = Shared.repo().resolve("samples/multilingual.png").toString();
        Run r = same(true, mixed, "--lang", "eng+rus");
        assertEquals(ExitCodes.OK, r.exitCode());
        assertTrue(r.stdout().contains("Ŀ"), r.stdout());
        same(true, english);
        same(true, english, "-l", "eng", "--psm", "6", "--fast");
        same(true, english, "--lang=eng+rus", "--preprocess=none", "-f", "txt");
        Path tiff = dev.ocrcli.testing.TestImages.write(tmp, "two.tif", dev.ocrcli.testing.TestImages.multiPageTiff(List.of(
                dev.ocrcli.testing.TestImages.render(List.of("First page of two")),
                dev.ocrcli.testing.TestImages.render(List.of("Second page of two")))));
        same(true, tiff.toString(), "-l", "eng");
    }

    @Test
    void whatTheServerWouldNotAnswerTheSameRunsLocally() throws Exception {
        String english = Shared.repo().resolve("samples/english.png").toString();
        same(false, english, "-f", "tsv"); // json would differ by its timings, run to run
        same(false, english, "--dpi", "300");
        same(false, english, english);
        same(false, english, "-v");
        same(false, english, "--fast", "--preprocess", "none"); // the CLI's usage error
        same(false, tmp.resolve("missing.png").toString());
        Path pdf = tmp.resolve("scan.pdf");
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc,
                    javax.imageio.ImageIO.read(Path.of(english).toFile()));
            try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                cs.drawImage(image, 36, 500, 540, 112);
            }
            doc.save(pdf.toFile());
        }
        same(false, pdf.toString());
    }

    @Test
    void aFileTheServerRefusesGetsTheCliOwnErrorLine() throws Exception {
        byte[] png = Files.readAllBytes(Shared.repo().resolve("samples/english.png"));
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 3));
        Run r = same(true, cut.toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("ocr-cli: error: " + cut + ": "), r.stderr());
    }

    @Test
    void aServerThatIsDownIsNoError() {
        String english = Shared.repo().resolve("samples/english.png").toString();
        Run local = Cli.run(english);
        // a port nothing listens on (the server's own port once it has closed is not reusable in time)
        Run r = Cli.run(null, Map.of("OCR_CLI_SERVER", "127.0.0.1:9"), List.of(), english);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(local.stdout(), r.stdout());
        assertEquals("", r.stderr());
    }
}
