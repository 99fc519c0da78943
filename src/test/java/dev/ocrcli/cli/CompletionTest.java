package dev.ocrcli.cli;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ocr-cli completion bash|zsh}: the script the real command prints, loaded by the real shells. */
class CompletionTest {
    @TempDir
    Path tmp;

    record Shell(int exit, String out) {}

    private Shell shell(String shell, String script) throws IOException, InterruptedException {
        // zsh -f: no user startup files; the script loads compinit and bashcompinit itself
        List<String> cmd = shell.equals("zsh") ? List.of("zsh", "-f", "-c", script) : List.of(shell, "-c", script);
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), shell + " finished");
        return new Shell(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private Path script(String shell) throws IOException {
        Run r = Cli.run("completion", shell);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr());
        return Files.writeString(tmp.resolve("ocr-cli." + shell), r.stdout());
    }

    /** What the completion function offers for the words typed so far (the last one is being completed). */
    private static String complete(String... words) {
        StringBuilder sb = new StringBuilder("COMP_WORDS=(");
        for (String w : words) {
            sb.append('\'').append(w).append("' ");
        }
        sb.append("); COMP_CWORD=").append(words.length - 1).append("; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; ")
                .append("_complete_ocr-cli 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"; echo '=='; ");
        return sb.toString();
    }

    @Test
    void bashLoadsTheScriptAndCompletesCommandsOptionsFormatsAndFiles() throws Exception {
        Path script = script("bash");
        Files.writeString(tmp.resolve("scan-one.png"), "x");
        Shell loaded = shell("bash", "source " + script + " && complete -p ocr-cli");
        assertEquals(0, loaded.exit(), loaded.out());
        assertTrue(loaded.out().contains("-F _complete_ocr-cli") && loaded.out().strip().endsWith("ocr-cli"), loaded.out());
        Shell c = shell("bash", "source " + script + "; " + complete("ocr-cli", "--la") + complete("ocr-cli", "langs", "")
                + complete("ocr-cli", "-f", "h") + complete("ocr-cli", "scan-") + complete("ocr-cli", "completion", ""));
        String[] answers = c.out().split("==\n", -1);
        assertEquals("--lang", answers[0].strip(), c.out());
        assertEquals(List.of("help", "install", "list", "remove"), answers[1].strip().lines().sorted().toList(), c.out());
        assertEquals("hocr", answers[2].strip(), c.out());
        assertEquals("scan-one.png", answers[3].strip(), "inputs complete as files: " + c.out());
        assertEquals(List.of("bash", "zsh"), answers[4].strip().lines().sorted().toList(), c.out());
    }

    @Test
    void zshLoadsTheScriptThroughBashcompinit() throws Exception {
        boolean zsh = Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh"));
        if (!zsh && Shared.inCi()) {
            throw new AssertionError("zsh is missing, and CI installs it (scripts/setup.sh)");
        }
        Assumptions.assumeTrue(zsh, "zsh is not installed (scripts/setup.sh installs it); the zsh script is not tested here");
        Path script = script("zsh");
        Shell s = shell("zsh", "source " + script + " && print -r -- \"$_comps[ocr-cli]\" && setopt ksharrays && "
                + complete("ocr-cli", "langs", ""));
        assertEquals(0, s.exit(), s.out());
        String[] parts = s.out().split("\n", 2);
        assertTrue(parts[0].contains("_complete_ocr-cli"), "zsh knows how to complete ocr-cli: " + s.out());
        assertEquals(List.of("help", "install", "list", "remove"), parts[1].replace("==", "").strip().lines().sorted().toList(), s.out());
    }
}
