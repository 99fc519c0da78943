package dev.ocrcli.cli;

import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/setup.sh} in a clean clone, as a new user runs it: it builds, installs an
 * {@code ocr-cli} command (here into a temporary folder, through {@code OCR_CLI_BIN_DIR}) that is
 * then found on PATH and runs this clone's jar from anywhere, and prints no terminal escapes.
 */
class SetupScriptTest {
    @TempDir
    Path tmp;

    record Result(int exit, String output) {}

    private static Result run(List<String> cmd, Path cwd, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("MAVEN_OPTS");  // the scripts must keep Maven's escape codes away by themselves
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void setupInACleanCloneInstallsAnOcrCliCommandOnPath() throws Exception {
        boolean tools = onPath("git") && onPath("mvn");
        if (!tools && Shared.inCi()) {
            throw new AssertionError("git and mvn are needed, and CI has them");
        }
        Assumptions.assumeTrue(tools, "git or mvn is not on PATH");
        Path repo = Shared.repo();
        Path clone = tmp.resolve("clone");
        Result cloned = run(List.of("git", "clone", "--quiet", repo.toString(), clone.toString()), tmp, Map.of(), 120);
        assertEquals(0, cloned.exit(), cloned.output());
        // the clone has the last commit; the two files under test come from the working tree, so
        // that an edit is tested before it is committed (in CI the two are the same)
        for (String f : List.of("scripts/setup.sh", "ocr")) {
            Files.copy(repo.resolve(f), clone.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path bin = tmp.resolve("bin");
        Result setup = run(List.of("bash", "scripts/setup.sh"), clone, Map.of("OCR_CLI_BIN_DIR", bin.toString()), 900);
        assertEquals(0, setup.exit(), setup.output());
        assertFalse(setup.output().contains("\033"), "no terminal escape codes: " + setup.output().replace("\033", "^["));
        Path command = bin.resolve("ocr-cli");
        assertTrue(setup.output().contains("installed the ocr-cli command: " + command), setup.output());
        assertTrue(setup.output().contains("remove it with: rm " + command), setup.output());
        assertTrue(setup.output().contains(bin + " is not on your PATH"), "says the folder is not on PATH: " + setup.output());
        assertEquals(clone.resolve("ocr").toRealPath(), command.toRealPath(), "a link to the clone's launcher");
        assertTrue(Files.isRegularFile(clone.resolve("target/ocr-cli.jsa")), "the class-data-sharing archive ./ocr uses was made");

        // found on PATH, from another folder, running the clone's jar
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        Result which = run(List.of("bash", "-c", "command -v ocr-cli"), elsewhere, path, 60);
        assertEquals(0, which.exit(), which.output());
        assertEquals(command.toString(), which.output().strip());
        Result version = run(List.of("bash", "-c", "ocr-cli --version"), elsewhere, path, 120);
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().startsWith("ocr-cli ") && version.output().contains("Tesseract 5."), version.output());
        Result text = run(List.of("bash", "-c", "ocr-cli \"$0\"", repo.resolve("samples/english.png").toString()), elsewhere, path, 120);
        assertEquals(0, text.exit(), text.output());
        assertTrue(text.output().contains("The quick brown fox"), text.output());
    }
}
