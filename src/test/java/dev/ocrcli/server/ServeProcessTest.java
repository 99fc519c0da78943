package dev.ocrcli.server;

import dev.ocrcli.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ocr-cli serve} as a process: address on stderr, access log, graceful stop on SIGTERM, {@code --lang auto}. */
class ServeProcessTest {
    private static final Pattern LISTENING = Pattern.compile("^ocr-cli: listening on (http://127\\.0\\.0\\.1:\\d+)");

    /** A running {@code ocr-cli serve}; stderr goes to a file, since Process.destroy() closes the pipes and would lose the last lines. */
    private record Serve(Process process, Path errFile, String base) implements AutoCloseable {
        static Serve start(String... options) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path errFile = Files.createTempFile("ocr-serve", ".err");
            List<String> cmd = new ArrayList<>(List.of(java, "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                    "dev.ocrcli.cli.Main", "serve", "--port", "0"));
            cmd.addAll(List.of(options));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
            String base = null;
            List<String> err = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && (base == null || err.stream().noneMatch(l -> l.startsWith("ocr-cli: ready:")))) {
                err = Files.readAllLines(errFile, StandardCharsets.UTF_8);
                for (String l : err) {
                    Matcher m = LISTENING.matcher(l);
                    if (m.find()) {
                        base = m.group(1);
                    }
                }
                if (!p.isAlive()) {
                    Files.deleteIfExists(errFile);
                    throw new AssertionError("serve " + String.join(" ", options) + " stopped: " + err);
                }
                Thread.sleep(50);
            }
            Serve s = new Serve(p, errFile, base);
            if (base == null || err.stream().noneMatch(l -> l.startsWith("ocr-cli: ready:"))) {
                s.close();
                throw new AssertionError("serve " + String.join(" ", options) + " not ready within 60 s: " + err);
            }
            return s;
        }

        List<String> stderr() {
            try {
                return Files.readAllLines(errFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(errFile);
        }
    }

    @Test
    void sigtermFinishesTheRequestInFlightAndExitsZero() throws Exception {
        try (Serve s = Serve.start("--lang", "eng", "--jobs", "1")) {
            Http http = new Http(s.base());
            assertEquals(200, http.get("/readyz").statusCode());

            byte[] page = OverloadAndTimeoutTest.bigPage();
            CompletableFuture<HttpResponse<String>> inFlight =
                    CompletableFuture.supplyAsync(() -> http.postRaw("/v1/ocr?format=text", "image/png", page));
            // wait until the engine is working on it
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!http.get("/metrics").body().contains("ocr_engines_busy 1.0") && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertTrue(!inFlight.isDone(), "the request should still be running");
            s.process().destroy(); // SIGTERM
            HttpResponse<String> r = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("lazy dog"), r.body());
            assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "server did not stop");
            List<String> err = s.stderr();
            assertEquals(0, s.process().exitValue(), String.join("\n", err));
            assertTrue(err.stream().anyMatch(l -> l.contains("POST /v1/ocr 200")), "access log on stderr by default: " + err);
            assertTrue(err.stream().anyMatch(l -> l.contains("stopped")), String.join("\n", err));
        }
    }

    @Test
    void serveLangAutoStartsAndChoosesTheLanguagesPerPage() throws Exception {
        try (Serve s = Serve.start("--lang", "auto", "--jobs", "1")) {
            Http http = new Http(s.base());
            HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", TestImages.png(List.of("Hello world 2026", "Привет мир")));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("[\"eng\",\"rus\"]", Http.json(r).get("languages").toString());
            String text = Http.json(r).get("text").asText();
            assertTrue(text.contains("Hello world 2026") && text.contains("Привет мир"), text);
            assertEquals("auto", Http.json(http.get("/v1/languages")).get("default").asText());
        }
    }

    @Test
    void badStartupOptionsFailWithAnExitCode() {
        assertEquals(6, Main.run("serve", "--port", "0", "--lang", "xyzq"));
        assertEquals(2, Main.run("serve", "--port", "0", "--max-body", "lots"));
        assertEquals(2, Main.run("serve", "--port", "0", "--jobs", "0"));
        assertEquals(2, Main.run("serve", "--port", "0", "--max-pages", "-1"));
        assertEquals(2, Main.run("serve", "--port", "0", "--jobs", "2", "--max-engines", "1"));
    }
}
