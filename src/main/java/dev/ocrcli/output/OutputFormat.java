package dev.ocrcli.output;

import java.util.Locale;

/** The result formats ocr-cli can write. */
public enum OutputFormat {
    /** Plain UTF-8 text, pages separated by form feeds. */
    TEXT("txt", new TextWriter()),
    /** One JSON document per input on one line (see the README for the schema). */
    JSON("json", new JsonWriter()),
    /** The same JSON object per input, one per line, meant for a stream on stdout (JSON Lines). */
    JSONL("jsonl", new JsonWriter()),
    /** Tesseract's TSV columns: one row per page, line and word. */
    TSV("tsv", new TsvWriter()),
    /** hOCR 1.2 (XHTML with ocr_page, ocr_line and ocrx_word elements). */
    HOCR("hocr", new HocrWriter()),
    /** ALTO XML v4. */
    ALTO("xml", new AltoWriter()),
    /** Searchable PDF: the page images with an invisible text layer (binary). */
    PDF("pdf", new PdfWriter());

    private final String extension;
    private final ResultWriter writer;

    OutputFormat(String extension, ResultWriter writer) {
        this.extension = extension;
        this.writer = writer;
    }

    public ResultWriter writer() {
        return writer;
    }

    /** The file name extension, without the dot ({@code txt}, {@code json}, {@code hocr}, {@code xml}, ...). */
    public String extension() {
        return extension;
    }

    /** The name as users type it. */
    public String label() {
        return this == TEXT ? "txt" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a format name, case-insensitively: text (or txt), json, jsonl, tsv, hocr, alto, pdf.
     */
    public static OutputFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "text", "txt" -> TEXT;
            case "json" -> JSON;
            case "jsonl", "ndjson" -> JSONL;
            case "tsv" -> TSV;
            case "hocr" -> HOCR;
            case "alto", "alto-xml" -> ALTO;
            case "pdf" -> PDF;
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (use txt, json, jsonl, tsv, hocr, alto or pdf)");
        };
    }
}
