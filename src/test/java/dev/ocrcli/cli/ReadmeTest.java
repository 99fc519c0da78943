package dev.ocrcli.cli;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the README promises a new user, checked against the scripts and the command as they are. */
class ReadmeTest {
    static final Path REPO = Shared.repo();

    @TempDir
    Path tmp;

    static String readme() throws Exception {
        return Files.readString(REPO.resolve("README.md"));
    }

    @Test
    void theReadmeListsEverythingSetupInstalls() throws Exception {
        String script = Files.readString(REPO.resolve("scripts/setup.sh"));
        Matcher m = Pattern.compile("packages=\\(([^)]*)\\)").matcher(script);
        assertTrue(m.find(), "setup.sh keeps its packages in packages=(...)");
        List<String> packages = Arrays.stream(m.group(1).split("\\s+")).filter(p -> !p.isEmpty()).toList();
        assertTrue(packages.size() >= 5, packages.toString());
        String readme = readme();
        String section = readme.substring(readme.indexOf("## Fresh machine"), readme.indexOf("## Usage"));
        for (String p : packages) {
            assertTrue(section.contains("`" + p + "`"), "the README's setup section names " + p);
        }
        assertTrue(section.contains("rm \"$(command -v ocr-cli)\""), "says how to remove the command");
        assertTrue(section.contains("/usr/local/bin") && section.contains("~/.local/bin") && section.contains("OCR_CLI_BIN_DIR"), section);
    }

    @Test
    void theListLangsSampleIsWhatIsPrinted() throws Exception {
        String readme = readme();
        int at = readme.indexOf("$ ocr-cli --list-langs");
        assertTrue(at > 0);
        List<String> sample = new ArrayList<>();
        for (String line : readme.substring(readme.indexOf('\n', at) + 1).split("\n")) {
            if (line.startsWith("$ ") || line.startsWith("```")) {
                break;
            }
            sample.add(line);
        }
        assertTrue(sample.size() >= 5, sample.toString());
        // as on a machine set up by scripts/setup.sh, outside the checkout: setup.sh puts the legacy
        // eng model into the per-user data dir as legacy/eng (listing reads names, not contents, so a
        // stand-in file will do), and it widens the name column of every line
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path legacy = Files.createDirectories(data.resolve("ocr-cli/tessdata/legacy"));
        Files.writeString(legacy.resolve("eng.traineddata"), "stand-in for the legacy eng model setup.sh installs\n");
        Run r = Cli.runIn(tmp, Map.of("XDG_DATA_HOME", data.toString(), "TESSDATA_PREFIX", ""), "--list-langs");
        assertEquals(0, r.exitCode(), r.toString());
        // the README shows the default data dir of a user 'you'
        List<String> printed = r.stdout().lines().map(l -> l.replace(data.toString(), "/home/you/.local/share")).toList();
        assertTrue(sample.stream().anyMatch(l -> l.startsWith("legacy/eng ") && l.contains(" user data dir ")),
                "the sample shows the legacy/eng model setup.sh installs: " + sample);
        for (String line : sample) {
            assertTrue(printed.contains(line), "README line printed as is: '" + line + "'\nprinted:\n" + r.stdout());
        }
    }

    @Test
    void theEvalExamplesUsePathsThatExist() throws Exception {
        String readme = readme();
        String section = readme.substring(readme.indexOf("## Measuring accuracy"), readme.indexOf("## HTTP API"));
        String block = section.substring(section.indexOf("```sh\n") + 6, section.indexOf("```\n", section.indexOf("```sh\n") + 6));
        // the lines for any checkout run as they are, in a copy of the checkout's samples
        Path work = Files.createDirectories(tmp.resolve("checkout"));
        Path samples = Files.createDirectories(work.resolve("samples"));
        try (var s = Files.list(REPO.resolve("samples"))) {
            for (Path f : s.toList()) {
                Files.copy(f, samples.resolve(f.getFileName()));
            }
        }
        String prepare = block.lines().filter(l -> l.startsWith("mkdir ")).findFirst().orElseThrow();
        Process p = new ProcessBuilder("bash", "-c", prepare).directory(work.toFile()).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, prepare);
        String eval = block.lines().filter(l -> l.startsWith("ocr-cli eval my-eval")).findFirst().orElseThrow();
        Run r = Cli.runIn(work, null, eval.substring("ocr-cli ".length()).strip().split(" "));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("english ")), r.stdout());
        assertTrue(r.stdout().contains("MEAN cer="), r.stdout());
        // the ../shared line is said to need the evaluation data beside a development checkout
        for (String line : block.lines().filter(l -> l.contains("../shared/")).toList()) {
            int before = block.indexOf(line);
            assertTrue(block.substring(0, before).contains("../shared beside it"), "the README says where ../shared comes from");
            Matcher path = Pattern.compile("\\.\\./shared/(\\S+)").matcher(line);
            assertTrue(path.find());
            assertTrue(Files.isDirectory(Shared.require(path.group(1))), line);
        }
        assertFalse(block.lines().anyMatch(l -> l.startsWith("ocr-cli eval ") && !l.contains("my-eval") && !l.contains("../shared")
                && !l.contains("scans/")), block);
    }
}
