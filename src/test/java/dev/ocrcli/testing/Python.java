package dev.ocrcli.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs python3 (the reference scoring tools); tests that need it are skipped, not passed, where it is missing. */
public final class Python {
    private Python() {}

    /** Skips the calling test unless python3 runs. */
    public static void require() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        Assumptions.assumeTrue(ok, "python3 is not available");
    }

    /** Runs {@code python3 ARGS...} with UTF-8 I/O and returns its stdout; fails the test on a non-zero exit. */
    public static String run(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONUTF8", "1");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = Cli.drain(p.getInputStream());
            CompletableFuture<byte[]> err = Cli.drain(p.getErrorStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python3 did not finish: " + cmd);
            }
            String o = new String(out.get(), StandardCharsets.UTF_8);
            String e = new String(err.get(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "python3 failed: " + cmd + "\n" + o + "\n" + e);
            return o;
        } catch (Exception e) {
            throw new AssertionError("cannot run python3", e);
        }
    }
}
