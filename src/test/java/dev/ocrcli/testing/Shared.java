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

    /**
     * {@code ../shared/REL}; where it does not exist the test is skipped, except in CI
     * ({@code CI=true}), which always has {@code ../shared}: there it fails, so a moved or renamed
     * file cannot turn tests into silent skips.
     */
    public static Path require(String rel) {
        Path p = repo().resolveSibling("shared").resolve(rel);
        if (!Files.exists(p) && inCi()) {
            throw new AssertionError("../shared/" + rel + " is missing, and CI must have it");
        }
        Assumptions.assumeTrue(Files.exists(p), "../shared/" + rel + " is not available");
        return p;
    }

    /** Whether the tests run in CI, where {@code ../shared} is always beside the checkout. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
