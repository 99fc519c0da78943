package dev.ocrcli;

/**
 * The one exception type of the library: a failure with a {@link Kind} that front ends map to
 * exit codes or HTTP statuses, and a message fit to show a user on one line.
 */
public class OcrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough for a front end to act on. */
    public enum Kind {
        /** The input path does not exist, is a directory, or cannot be read. */
        INPUT_NOT_FOUND,
        /** The input is empty, truncated, corrupt, not an image, or in an unsupported format. */
        INPUT_UNREADABLE,
        /** The image is larger than the engine or the configured limits allow. */
        IMAGE_TOO_LARGE,
        /** A requested language pack is not installed (or does not load). */
        LANGUAGE_MISSING,
        /** The native Tesseract libraries cannot be loaded on this machine. */
        NATIVE_UNAVAILABLE,
        /** A bad option value (page segmentation mode, variable name, ...). */
        BAD_ARGUMENT,
        /** Downloading or installing a language pack failed. */
        INSTALL_FAILED,
        /** Recognition failed inside the engine or an output could not be written. */
        ENGINE_FAILED
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
