package dev.ocrcli.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The evaluation data in {@code ../shared}: tests that need it are skipped (not passed) where it is absent. */
public final class Shared {
    private Shared() {}

    public static Path repo() {
        return Path.of(System.getProperty("ocrcli.repo.dir", ".")).toAbsolutePath().normalize();
    }

    /** {@code ../shared/REL}, or the test is skipped when it does not exist. */
    public static Path require(String rel) {
        Path p = repo().resolveSibling("shared").resolve(rel);
        Assumptions.assumeTrue(Files.exists(p), "../shared/" + rel + " is not available");
        return p;
    }
}
