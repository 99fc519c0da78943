package dev.ocrcli.cli;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The help as users read it: {@code help COMMAND}, errors pointing to the right help, wrapping, examples, one --psm story. */
class HelpTest {
    @Test
    void helpOfACommandIsThatCommandsHelp() {
        for (List<String> cmd : List.of(List.of("eval"), List.of("serve"), List.of("langs"), List.of("completion"))) {
            List<String> args = new ArrayList<>(List.of("help"));
            args.addAll(cmd);
            Run r = Cli.run(args.toArray(new String[0]));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("", r.stderr());
            assertTrue(r.stdout().startsWith("Usage: ocr-cli " + cmd.get(0)), r.stdout());
            assertEquals(Cli.run(cmd.get(0), "--help").stdout(), r.stdout(), "same as " + cmd + " --help");
        }
        Run nested = Cli.run("langs", "help", "install");
        assertTrue(nested.stdout().startsWith("Usage: ocr-cli langs install"), nested.toString());
    }

    @Test
    void helpWalksEveryWordDownTheCommandTree() {
        for (String sub : List.of("install", "list", "remove")) {
            Run r = Cli.run("help", "langs", sub);
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("", r.stderr());
            assertTrue(r.stdout().startsWith("Usage: ocr-cli langs " + sub), r.stdout());
            assertEquals(Cli.run("langs", sub, "--help").stdout(), r.stdout(), "same as langs " + sub + " --help");
        }
        // a word that names no command under the one before it is a usage error of that command
        Run wrong = Cli.run("help", "langs", "nope");
        assertEquals(ExitCodes.USAGE, wrong.exitCode(), wrong.toString());
        assertEquals("", wrong.stdout());
        assertTrue(wrong.stderr().startsWith("ocr-cli: error: unknown subcommand 'nope'"), wrong.stderr());
        assertTrue(wrong.stderr().strip().endsWith("Try 'ocr-cli langs --help' for more information."), wrong.stderr());
    }

    @Test
    void aUsageErrorPointsToTheHelpOfItsOwnCommand() {
        String[][] cases = {
            {"ocr-cli eval --help", "eval"},
            {"ocr-cli langs install --help", "langs", "install"},
            {"ocr-cli serve --help", "serve", "--port", "many"},
            {"ocr-cli --help", "--no-such-option"},
        };
        for (String[] c : cases) {
            Run r = Cli.run(Arrays.copyOfRange(c, 1, c.length));
            assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
            List<String> lines = r.stderr().lines().toList();
            assertTrue(lines.get(0).startsWith("ocr-cli: error: "), r.stderr());
            assertFalse(Character.isUpperCase(lines.get(0).charAt("ocr-cli: error: ".length())), "lower case, as ours: " + r.stderr());
            assertEquals("Try '" + c[0] + "' for more information.", lines.get(lines.size() - 1), r.stderr());
        }
    }

    /** Whitespace-separated words of a text. */
    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void helpWrapsAtSpacesOnlyAtEveryWidth() {
        // wrapping at a space keeps every word whole, so the words are those of a very wide help:
        // no '*.tif' cut after the dot, no [--[no-]progress] cut after the bracket, no path cut at a slash
        for (List<String> cmd : List.<List<String>>of(List.of(), List.of("eval"), List.of("serve"), List.of("langs", "install"), List.of("completion"))) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--help");
            String wide = Cli.run(null, null, List.of("-Dpicocli.usage.width=400"), args.toArray(new String[0])).stdout();
            assertTrue(wide.contains("Usage:"), wide);
            for (int width : new int[] {56, 71, 97}) {
                String help = Cli.run(null, null, List.of("-Dpicocli.usage.width=" + width), args.toArray(new String[0])).stdout();
                assertEquals(words(wide), words(help), cmd + " at width " + width + ":\n" + help);
                for (String line : help.split("\n")) {
                    assertTrue(line.length() <= width || !line.strip().contains(" "),
                            "only a single overlong word may pass the width " + width + ": '" + line + "'");
                }
            }
        }
        String main = Cli.run("--help").stdout();
        assertTrue(main.contains("'*.tif'") && main.contains("--[no-]progress"), main);
    }

    @Test
    void theMainHelpHasExamplesThatAreRealCommands() {
        String help = Cli.run("--help").stdout();
        int at = help.indexOf("\nExamples:\n");
        assertTrue(at > 0, help);
        String section = help.substring(at + "\nExamples:\n".length());
        section = section.substring(0, section.indexOf("\n\n"));
        List<String> commands = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher m = Pattern.compile("^  (\\S.*?)  +\\S").matcher(line);
            if (m.find()) {
                commands.add(m.group(1));
            }
        }
        assertTrue(commands.size() >= 6, section);
        for (String c : commands) {
            assertTrue(c.startsWith("ocr-cli ") || c.matches("cat \\S+ \\| ocr-cli .*"), c);
        }
        assertTrue(commands.contains("ocr-cli help eval"), commands.toString());
    }

    @Test
    void theRangeOfPsmIsOneStoryInHelpErrorsAndReadme() throws Exception {
        String help = Cli.run("--help").stdout().replaceAll("\\s+", " ");
        assertTrue(help.contains("--psm=N Page segmentation mode 1..13"), help);
        assertTrue(help.contains("0 only detects orientation and reads no text"), help);
        for (String bad : List.of("0", "14", "-1")) {
            Run r = Cli.run("x.png", "--psm", bad);
            assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
            assertTrue(r.stderr().startsWith("ocr-cli: error: --psm must be 1..13, not " + bad), r.stderr());
        }
        assertTrue(Cli.run("x.png", "--psm", "0").stderr().contains("0 only detects orientation and reads no text"));
        String readme = Files.readString(Shared.repo().resolve("README.md"));
        String row = readme.lines().filter(l -> l.startsWith("| `--psm N`")).findFirst().orElseThrow();
        assertTrue(row.contains("1..13") && row.contains("mode 0 only detects orientation and reads no text"), row);
        assertFalse(readme.contains("0..13"), "no other range in the README");
        assertFalse(help.contains("0..13"), "no other range in the help");
    }
}
