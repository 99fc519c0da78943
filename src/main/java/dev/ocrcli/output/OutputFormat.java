package dev.ocrcli.output;

import java.util.Locale;

/** The result formats ocr-cli can write. */
public enum OutputFormat {
    /** Plain UTF-8 text, pages separated by form feeds. */
    TEXT(new TextWriter()),
    /** One JSON document per input on one line (see the README for the schema). */
    JSON(new JsonWriter());

    private final ResultWriter writer;

    OutputFormat(ResultWriter writer) {
        this.writer = writer;
    }

    public ResultWriter writer() {
        return writer;
    }

    /** Parses a format name, case-insensitively ({@code txt} is accepted for {@code text}). */
    public static OutputFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "text", "txt" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (use text or json)");
        };
    }
}
