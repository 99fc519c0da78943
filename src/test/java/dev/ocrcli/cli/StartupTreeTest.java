package dev.ocrcli.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command tree is built without its subcommands only where no argument could reach one. */
class StartupTreeTest {
    @Test
    void plainRecognitionsParseWithoutTheSubcommands() {
        for (String[] args : List.of(new String[] {"scan.png"}, new String[] {"scan.png", "-l", "eng+rus", "-f", "json"},
                new String[] {"-v", "a.png", "--fast"}, new String[] {"--", "serve"})) {
            assertFalse(Main.mayNeedSubcommands(args), String.join(" ", args));
            assertTrue(Main.commandLine(args).getSubcommands().isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void anythingThatMayNameASubcommandGetsTheWholeTree() {
        for (String[] args : List.of(new String[] {"serve"}, new String[] {"-v", "eval", "dir"}, new String[] {"help", "langs"},
                new String[] {"--help"}, new String[] {"-h"}, new String[] {"-vh"}, new String[] {"-V"}, new String[] {"@args.txt"})) {
            assertTrue(Main.mayNeedSubcommands(args), String.join(" ", args));
            assertEquals(List.of("help", "langs", "eval", "serve", "completion"),
                    List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }
}
