package dev.ocrcli.cli;

import com.sun.jna.NativeLibrary;
import dev.ocrcli.engine.NativeLibraries;
import dev.ocrcli.testing.Cli.Run;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leptonica writes its own {@code Error in FUNCTION: ...} lines straight to stderr, past our
 * logging (docs/robustness.md, finding 5). The command line's logging set-up silences them below
 * {@code -vv} and lets them through with it, whether the natives load before or after it runs.
 * Leptonica is made to complain for real, in a child JVM (its stderr is the process's fd 2).
 */
class LeptonicaMessagesTest {
    /** The child: sets up logging as ocr-cli does, loads the bundled natives, makes Leptonica fail to read a file. */
    public static final class Probe {
        public static void main(String[] args) {
            int verbosity = Integer.parseInt(args[0]);
            boolean loadFirst = args.length > 1 && args[1].equals("load-first");
            if (loadFirst) {
                NativeLibraries.load();
            }
            CliLogging.configure(verbosity);
            Path dir = NativeLibraries.load();
            NativeLibrary lept = NativeLibrary.getInstance(dir.resolve("libleptonica.so.6").toString());
            Object pix = lept.getFunction("pixRead").invokePointer(new Object[] {"/nonexistent/ocr-cli-probe.png"});
            System.out.println(pix == null ? "no pix" : "pix?");
        }
    }

    /** Runs the probe in a child JVM with the test class path; its stderr goes to a file, so neither pipe can block it. */
    private static Run probe(int verbosity, String order) {
        try {
            Path err = Files.createTempFile("leptonica-probe", ".err");
            try {
                List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), Probe.class.getName(), String.valueOf(verbosity), order);
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
                return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), out);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void silentBelowVeryVerboseShownWithIt() {
        for (String order : new String[] {"configure-first", "load-first"}) {
            for (int v = 0; v <= 2; v++) {
                Run r = probe(v, order);
                assertEquals(0, r.exitCode(), r.toString());
                assertEquals("no pix", r.stdout().strip(), "Leptonica was asked to read a file that does not exist: " + r);
                boolean leptonica = r.stderr().lines().anyMatch(l -> l.startsWith("Error in "));
                if (v < 2) {
                    assertFalse(leptonica, "verbosity " + v + " (" + order + "): " + r.stderr());
                } else {
                    assertTrue(leptonica, "-vv (" + order + ") shows Leptonica's messages: " + r.stderr());
                }
            }
        }
    }
}
