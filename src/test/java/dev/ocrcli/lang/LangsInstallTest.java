package dev.ocrcli.lang;

import com.sun.net.httpserver.HttpServer;
import dev.ocrcli.cli.ExitCodes;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ocr-cli langs install/remove/list} against a real HTTP server on loopback. */
class LangsInstallTest {
    static HttpServer server;
    static String base;
    static byte[] model;

    @TempDir
    Path target;

    @BeforeAll
    static void serve() throws Exception {
        // a real model to serve: the eng model bundled in Tess4J's jar
        try (InputStream in = LangsInstallTest.class.getClassLoader().getResourceAsStream("tessdata/eng.traineddata")) {
            model = in.readAllBytes();
        }
        byte[] junk = new byte[300_000];
        new Random(3).nextBytes(junk);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/models/".length());
            byte[] body;
            long declared;
            switch (name) {
                case "good.traineddata" -> { body = model; declared = model.length; }
                case "junk.traineddata" -> { body = junk; declared = junk.length; }
                case "html.traineddata" -> { body = "<html>rate limited</html>".getBytes(); declared = body.length; }
                case "cut.traineddata" -> { body = Arrays.copyOf(model, model.length / 2); declared = model.length; }
                default -> { body = null; declared = -1; }
            }
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, declared);
            OutputStream out = ex.getResponseBody();
            out.write(body);
            out.flush();
            if (body.length < declared) {
                // drop the connection mid-body, as a failing network would
                throw new java.io.IOException("connection cut on purpose");
            }
            out.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/models/";
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    Run install(String name) {
        return Cli.run("langs", "install", name, "--from", base, "--tessdata", target.toString());
    }

    void assertNothingHalfWritten() throws Exception {
        try (Stream<Path> s = Files.list(target)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("good.traineddata")).toList();
            assertEquals(List.of(), left, "nothing but installed models may remain");
        }
    }

    @Test
    void downloadsVerifiesAndInstalls() throws Exception {
        Run r = install("good");
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(model, Files.readAllBytes(target.resolve("good.traineddata")));
        assertNothingHalfWritten();
        // and it is usable and listed
        Path img = Files.createTempFile("langs-test", ".png");
        Files.write(img, TestImages.encode(TestImages.render(List.of("Installed model works")), "png"));
        try {
            Run ocr = Cli.run(img.toString(), "--tessdata", target.toString(), "--lang", "good");
            assertEquals("Installed model works", ocr.stdout().strip(), ocr.toString());
            Run list = Cli.run("langs", "list", "--tessdata", target.toString());
            assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith("good ") && l.contains(target.toString())), list.stdout());
        } finally {
            Files.deleteIfExists(img);
        }
        Run rm = Cli.run("langs", "remove", "good", "--tessdata", target.toString());
        assertEquals(0, rm.exitCode(), rm.toString());
        assertFalse(Files.exists(target.resolve("good.traineddata")));
        Run again = Cli.run("langs", "remove", "good", "--tessdata", target.toString());
        assertEquals(ExitCodes.LANGUAGE_MISSING, again.exitCode(), again.toString());
    }

    @Test
    void corruptDownloadsAreRejectedAndLeaveNothing() throws Exception {
        for (String bad : List.of("junk", "html", "cut")) {
            Run r = install(bad);
            assertEquals(ExitCodes.INSTALL_FAILED, r.exitCode(), r.toString());
            assertTrue(r.stderr().startsWith("ocr-cli: error: " + bad + ": "), r.stderr());
            assertFalse(Files.exists(target.resolve(bad + ".traineddata")));
        }
        assertNothingHalfWritten();
    }

    @Test
    void missingRemoteLanguageSaysHttp404() throws Exception {
        Run r = install("nosuch");
        assertEquals(ExitCodes.INSTALL_FAILED, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("HTTP 404"), r.stderr());
        assertNothingHalfWritten();
    }

    @Test
    void installsFromALocalFolder() throws Exception {
        Path src = Files.createDirectories(target.resolveSibling(target.getFileName() + "-src"));
        Files.write(src.resolve("local.traineddata"), model);
        Run r = Cli.run("langs", "install", "local", "--from", src.toString(), "--tessdata", target.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(model, Files.readAllBytes(target.resolve("local.traineddata")));
        Files.delete(src.resolve("local.traineddata"));
        Files.delete(src);
    }

    @Test
    void legacyVariantRefusesAModelWithoutTheLegacyEngine() throws Exception {
        // the bundled eng model is LSTM-only: installing it as the legacy variant must fail, cleanly
        Path src = Files.createDirectories(target.resolveSibling(target.getFileName() + "-lstm"));
        Files.write(src.resolve("eng.traineddata"), model);
        Run r = Cli.run("langs", "install", "eng", "--variant", "legacy", "--from", src.toString(), "--tessdata", target.toString());
        assertEquals(ExitCodes.INSTALL_FAILED, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("ocr-cli: error: eng: ") && r.stderr().contains("legacy"), r.stderr());
        assertFalse(Files.exists(target.resolve("legacy")) && Files.list(target.resolve("legacy")).findAny().isPresent(),
                "nothing installed under legacy/");
        Files.delete(src.resolve("eng.traineddata"));
        Files.delete(src);
    }

    @Test
    void legacyVariantInstallsBesideTheLstmModel() throws Exception {
        // the legacy-capable model setup.sh installs (npm @tesseract.js-data/eng); gzipped as npm ships it
        Path installed = dev.ocrcli.util.AppDirs.userTessdata().resolve("legacy/eng.traineddata");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(installed),
                "no legacy eng model installed (scripts/setup.sh installs it)");
        Path src = Files.createDirectories(target.resolveSibling(target.getFileName() + "-legacy"));
        try (OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(src.resolve("eng.traineddata.gz")))) {
            Files.copy(installed, gz);
        }
        Files.write(target.resolve("eng.traineddata"), model);
        Run r = Cli.run("langs", "install", "eng", "--variant", "legacy", "--from", src.toString(), "--tessdata", target.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(Files.readAllBytes(installed), Files.readAllBytes(target.resolve("legacy/eng.traineddata")));
        assertArrayEquals(model, Files.readAllBytes(target.resolve("eng.traineddata")), "the LSTM model stays as it was");
        Run list = Cli.run("langs", "list", "--tessdata", target.toString());
        assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith("legacy/eng ")), list.stdout());
        Files.delete(src.resolve("eng.traineddata.gz"));
        Files.delete(src);
    }

    @Test
    void refusesNamesThatArePaths() {
        Run r = Cli.run("langs", "install", "../../etc/passwd", "--from", base, "--tessdata", target.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    }
}
