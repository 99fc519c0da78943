package dev.ocrcli.fuzz;

import dev.ocrcli.OcrException;

/** What every refusal must look like: a user-facing message on one line that names the input. */
final class Contract {
    private Contract() {}

    static void checkMessage(OcrException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || !m.startsWith("fuzz")) {
            throw new AssertionError("bad message for " + e.kind() + ": " + m, e);
        }
        switch (e.kind()) {
            case INPUT_UNREADABLE, UNSUPPORTED_FORMAT, IMAGE_TOO_LARGE, TOO_MANY_PAGES -> { }
            default -> throw new AssertionError("an input's error must be of an input kind, not " + e.kind() + ": " + m, e);
        }
    }
}
