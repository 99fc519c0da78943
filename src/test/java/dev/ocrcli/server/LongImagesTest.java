package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 4: a valid white PNG of 1 x 32767 pixels (Tesseract's largest side) was exit 9,
 * "recognition did not finish within 0 ms", though no timeout was set. It is a blank page: a
 * success with no text, from the command line with any preprocessing and from the server.
 */
class LongImagesTest {
    static final int HEIGHT = 32767;

    @TempDir
    static Path tmp;
    static byte[] png;
    static Path file;

    @BeforeAll
    static void write() throws Exception {
        BufferedImage img = new BufferedImage(1, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        byte[] white = new byte[HEIGHT];
        Arrays.fill(white, (byte) 0xFF);
        img.getRaster().setDataElements(0, 0, 1, HEIGHT, white);
        png = TestImages.encode(img, "png");
        file = tmp.resolve("white-1x32767.png");
        Files.write(file, png);
    }

    @Test
    void theCommandLineReadsItAsABlankPage() {
        for (String[] args : new String[][] {{file.toString()}, {file.toString(), "--preprocess", "pad"}}) {
            Run r = Cli.run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r);
            assertEquals("", r.stderr(), String.join(" ", args));
            assertEquals("", r.stdout().strip(), "a white page has no text: " + r.stdout());
        }
        Run json = Cli.run(file.toString(), "-f", "json");
        assertEquals(0, json.exitCode(), json.toString());
        JsonNode page = Http.json(json.stdout()).get("pages").get(0);
        assertEquals(1, page.get("width").asInt());
        assertEquals(HEIGHT, page.get("height").asInt());
    }

    @Test
    void theServerAnswers200() throws Exception {
        try (OcrServer server = TestServers.start(TestServers.config("eng").jobs(1).build())) {
            Http http = new Http(server.baseUrl());
            HttpResponse<String> r = http.postRaw("/v1/ocr", "image/png", png);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = Http.json(r).get("pages").get(0);
            assertEquals(1, page.get("width").asInt(), r.body());
            assertEquals(HEIGHT, page.get("height").asInt(), r.body());
            assertEquals("", page.get("text").asText().strip(), r.body());
            HttpResponse<String> padded = http.postRaw("/v1/ocr?preprocess=pad&format=text", "image/png", png);
            assertEquals(200, padded.statusCode(), padded.body());
        }
    }
}
