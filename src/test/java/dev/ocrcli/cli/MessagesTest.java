package dev.ocrcli.cli;

import com.sun.net.httpserver.HttpServer;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything ocr-cli says on stderr, in one voice, and exit codes that agree with what it says. */
class MessagesTest {
    /** A line a logger would print in its own format: {@code WARN Evaluation - ...}, {@code 12:00:01.123 [main] DEBUG ...}. */
    static final Pattern LOGGER_PREFIX = Pattern.compile("^(\\S+ )?(\\[[^\\]]*\\] )?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|SEVERE)\\b");

    @TempDir
    static Path tmp;
    static Path png;

    @BeforeAll
    static void image() throws Exception {
        png = TestImages.write(tmp, "note.png", TestImages.encode(TestImages.render(List.of("Meeting at noon")), "png"));
    }

    /** Runs in a temporary folder, so that the checkout's ./tessdata is not found. */
    static Run inTemp(Map<String, String> env, String... args) {
        return Cli.runIn(tmp, env, args);
    }

    @Test
    void libraryWarningsSpeakInOcrCliVoice() throws Exception {
        // eval warns through its logger when one name has two images
        Path folder = Files.createDirectories(tmp.resolve("two-images"));
        TestImages.write(folder, "memo.png", TestImages.encode(TestImages.render(List.of("Memo text")), "png"));
        TestImages.write(folder, "memo.jpg", TestImages.encode(TestImages.render(List.of("Memo text")), "jpeg"));
        Files.writeString(folder.resolve("memo.gt.txt"), "Memo text\n");
        Run r = Cli.run("eval", folder.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("ocr-cli: warning: memo: several images")), r.stderr());
        r.stderr().lines().forEach(l -> assertFalse(LOGGER_PREFIX.matcher(l).find(), "a logger's prefix: " + l));
    }

    @Test
    void verboseDetailKeepsTheVoice() {
        Run vv = Cli.run(png.toString(), "-vv");
        assertEquals(0, vv.exitCode(), vv.toString());
        List<String> lines = vv.stderr().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("ocr-cli: debug: \\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\S+ \\w+\\] .+")), vv.stderr());
        for (String l : lines) {
            assertFalse(LOGGER_PREFIX.matcher(l).find(), "a logger's prefix: " + l);
        }
        Run quiet = Cli.run(png.toString());
        assertEquals("", quiet.stderr(), "nothing but the result by default");
    }

    @Test
    void noMessageSaysOptionTwice() {
        String[][] bad = {{"-c", "tessedit"}, {"--psm"}, {"--psm", "x"}, {"--lang"}, {"--progress=maybe"}, {"--jobs", "lots"},
            {"-f"}, {"--rect", "1,2"}, {"serve", "--port", "x"}, {"eval", "--jobs", "0", "."}};
        for (String[] args : bad) {
            Run r = Cli.run(args);
            assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
            assertTrue(r.stderr().startsWith("ocr-cli: error: "), r.stderr());
            assertFalse(r.stderr().toLowerCase(java.util.Locale.ROOT).contains("option option"), r.stderr());
        }
        Run c = Cli.run(png.toString(), "-c", "tessedit");
        assertTrue(c.stderr().startsWith("ocr-cli: error: -c needs NAME=VALUE, not 'tessedit'"), c.stderr());
    }

    @Test
    void everyMissingLanguageIsNamedAtOnce() {
        Run r = Cli.run(png.toString(), "--lang", "eng+xqa+xqb");
        CliTest.assertOneLineError(r, ExitCodes.LANGUAGE_MISSING, "languages 'xqa', 'xqb' are not installed",
                "apt-get install tesseract-ocr-xqa tesseract-ocr-xqb", "ocr-cli langs install xqa xqb");
        Run one = Cli.run(png.toString(), "--lang", "xqa+eng");
        CliTest.assertOneLineError(one, ExitCodes.LANGUAGE_MISSING, "language 'xqa' is not installed", "install it with");
        Run serve = Cli.run("serve", "--port", "0", "--lang", "xqa+xqb");
        CliTest.assertOneLineError(serve, ExitCodes.LANGUAGE_MISSING, "languages 'xqa', 'xqb' are not installed");
    }

    @Test
    void removingAModelOcrCliDidNotInstallSaysWhereItIsAndWhoOwnsIt() throws Exception {
        Path userData = Files.createDirectories(tmp.resolve("xdg-data"));
        Map<String, String> env = Map.of("XDG_DATA_HOME", userData.toString(), "TESSDATA_PREFIX", "");
        Run list = inTemp(env, "langs", "list");
        String eng = list.stdout().lines().filter(l -> l.startsWith("eng ")).findFirst().orElse("");
        boolean system = eng.contains(" system ");
        if (!system && Shared.inCi()) {
            throw new AssertionError("CI has Debian's eng model (tesseract-ocr-eng): " + list.stdout());
        }
        Assumptions.assumeTrue(system, "no system eng model here (Debian's tesseract-ocr-eng): " + list.stdout());
        String file = eng.substring(eng.lastIndexOf(' ') + 1);
        Run r = inTemp(env, "langs", "remove", "eng");
        CliTest.assertOneLineError(r, ExitCodes.INSTALL_FAILED, "cannot remove 'eng'", file, "package manager", "tesseract-ocr-eng");
        assertTrue(Files.exists(Path.of(file)), "left alone");
        // the bundled model, and one that is nowhere
        CliTest.assertOneLineError(inTemp(env, "langs", "remove", "engrusx"), ExitCodes.INSTALL_FAILED, "built into ocr-cli.jar");
        CliTest.assertOneLineError(inTemp(env, "langs", "remove", "xqa"), ExitCodes.LANGUAGE_MISSING, "'xqa' is not installed");
        // what langs install put there goes
        Path mine = Files.createDirectories(userData.resolve("ocr-cli/tessdata")).resolve("mine.traineddata");
        Files.write(mine, new byte[] {1, 2, 3});
        Run removed = inTemp(env, "langs", "remove", "mine");
        assertEquals(0, removed.exitCode(), removed.toString());
        assertEquals("ocr-cli: removed mine: " + mine, removed.stderr().strip());
        assertFalse(Files.exists(mine));
    }

    @Test
    void anInstallWithoutANetworkSaysTheNetworkIsUnreachable() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("install-target"));
        // .invalid never resolves (RFC 2606), as no name does when the machine is offline
        Run offline = Cli.run("langs", "install", "deu", "--from", "http://no-such-host.invalid/tessdata/", "--tessdata", target.toString());
        CliTest.assertOneLineError(offline, ExitCodes.INSTALL_FAILED, "deu: cannot download", "the network is unreachable",
                "no-such-host.invalid", "--from DIR");
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        Run refused = Cli.run("langs", "install", "deu", "--from", "http://127.0.0.1:" + port + "/", "--tessdata", target.toString());
        CliTest.assertOneLineError(refused, ExitCodes.INSTALL_FAILED, "127.0.0.1:" + port + " refused the connection");
        try (var s = Files.list(target)) {
            assertEquals(0, s.count(), "nothing left behind");
        }
        // an HTTP error still names the status
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            Run missing = Cli.run("langs", "install", "deu", "--from", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                    "--tessdata", target.toString());
            CliTest.assertOneLineError(missing, ExitCodes.INSTALL_FAILED, "HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anEmptyListOfInputsIsAWarningAndSuccess() throws Exception {
        Path empty = Files.writeString(tmp.resolve("nothing.txt"), "\n\n");
        Run r = Cli.run("--files-from", empty.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("ocr-cli: warning: no inputs in " + empty + ": nothing to do", r.stderr().strip());
        assertEquals("", r.stdout());
        Run stdin = Cli.runWithStdin(new byte[0], "--files-from", "-");
        assertEquals(0, stdin.exitCode(), stdin.toString());
        assertEquals("ocr-cli: warning: no inputs in standard input: nothing to do", stdin.stderr().strip());
        CliTest.assertOneLineError(Cli.run("--files-from", tmp.resolve("no-list.txt").toString()), ExitCodes.INPUT_NOT_FOUND,
                "no-list.txt: no such file");
    }

    @Test
    void aFolderIsABatchAndAFolderWithoutImagesIs3() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Files.copy(png, folder.resolve("a.png"));
        Run r = Cli.run(folder.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Meeting at noon"), r.stdout());
        Path nested = Files.createDirectories(tmp.resolve("nested/inner"));
        Files.copy(png, nested.resolve("b.png"));
        CliTest.assertOneLineError(Cli.run(nested.getParent().toString()), ExitCodes.INPUT_NOT_FOUND, "no images or PDFs found",
                "add -r");
        Run recursive = Cli.run(nested.getParent().toString(), "-r");
        assertEquals(0, recursive.exitCode(), recursive.toString());
        Path empty = Files.createDirectories(tmp.resolve("empty-folder"));
        CliTest.assertOneLineError(Cli.run(empty.toString()), ExitCodes.INPUT_NOT_FOUND, "no images or PDFs found in " + empty);
    }

    @Test
    void outputFilesGetTheUsualPermissionsOfNewFiles() throws Exception {
        Path out = tmp.resolve("perm-out");
        Run r = Cli.run(png.toString(), "-o", out.toString(), "-f", "txt,json");
        assertEquals(0, r.exitCode(), r.toString());
        Path plain = Files.createFile(out.resolve("made-here"));
        for (String n : List.of("note.txt", "note.json")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out.resolve(n)),
                    n + " has the permissions any new file gets here, not a temporary file's 600");
        }
        assertTrue(new String(Files.readAllBytes(out.resolve("note.txt")), StandardCharsets.UTF_8).contains("Meeting at noon"));
    }
}
