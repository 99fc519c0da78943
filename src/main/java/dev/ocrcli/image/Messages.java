package dev.ocrcli.image;

import java.io.EOFException;
import java.util.Locale;

/** The reason a decoder gave, fit for the one line a user sees. */
final class Messages {
    private Messages() {}

    /**
     * The exception's own message on one line, at most 160 characters; without one, its type in
     * words ({@code ArrayIndexOutOfBoundsException}: "array index out of bounds"), so that no Java
     * class name reaches the user.
     */
    static String reason(Throwable e) {
        if (e instanceof EOFException && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "the data ends early";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.equals("null")) {
            String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
            m = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            if (m.isBlank()) {
                m = "decoder failure";
            }
        }
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
