package dev.ocrcli;

/**
 * The one exception type of the library: a failure with a {@link Kind} that front ends map to
 * exit codes or HTTP statuses (each with one exhaustive switch over the kinds, never by reading
 * the message), and a message fit to show a user on one line.
 */
public class OcrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough for a front end to act on. */
    public enum Kind {
        /** The input path does not exist, is a directory, or cannot be read (permissions). */
        INPUT_NOT_FOUND,
        /** The input is empty, truncated, corrupt or damaged inside (a PDF's structure, an image's data). */
        INPUT_UNREADABLE,
        /** The input is not an image or PDF ocr-cli can decode (unknown signature, a format without a decoder). */
        UNSUPPORTED_FORMAT,
        /** The image is larger than the engine or the configured limits allow. */
        IMAGE_TOO_LARGE,
        /** The document has more pages than the configured limit ({@code --max-pages}). */
        TOO_MANY_PAGES,
        /** A requested language pack is not installed. */
        LANGUAGE_MISSING,
        /** A language pack is installed but does not load (damaged, truncated, of the wrong kind). */
        LANGUAGE_DAMAGED,
        /** The native Tesseract libraries cannot be loaded on this machine. */
        NATIVE_UNAVAILABLE,
        /** A bad option value (page segmentation mode, variable name, ...). */
        BAD_ARGUMENT,
        /** Downloading or installing a language pack failed. */
        INSTALL_FAILED,
        /** Recognition failed inside the engine. */
        ENGINE_FAILED,
        /** The work did not finish within its time limit ({@code --timeout}, a page deadline). */
        TIMEOUT,
        /** A result could not be written (disk full, permissions, a closed stream). */
        OUTPUT_FAILED,
        /** A service could not start: its address is in use or not permitted. */
        SERVICE_UNAVAILABLE,
        /** The work was interrupted (Ctrl-C, a shutdown). */
        INTERRUPTED
    }

    private final Kind kind;

    public OcrException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OcrException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
