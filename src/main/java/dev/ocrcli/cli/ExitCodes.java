package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The process exit codes of ocr-cli, documented in the README and listed in {@code ocr-cli --help}. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int INPUT_NOT_FOUND = 3;
    public static final int INPUT_UNREADABLE = 4;
    public static final int IMAGE_TOO_LARGE = 5;
    public static final int LANGUAGE_MISSING = 6;
    public static final int NATIVE_UNAVAILABLE = 7;
    public static final int INSTALL_FAILED = 8;
    public static final int ENGINE_FAILED = 9;
    public static final int OUTPUT_FAILED = 10;
    public static final int SERVICE_UNAVAILABLE = 11;
    /** 128 + SIGINT, as shells report a process ended by Ctrl-C. */
    public static final int INTERRUPTED = 130;

    /** Every code with its meaning, in order: the help's "Exit codes" section is made from this. */
    static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "success (also: an empty --files-from list, with a warning)");
        m.put(Integer.toString(INTERNAL), "internal error: a bug, please report it with the output of -vv");
        m.put(Integer.toString(USAGE), "usage error: unknown option, bad value, PDF to a terminal");
        m.put(Integer.toString(INPUT_NOT_FOUND), "input not found: no such file or folder, a folder without images or PDFs, "
                + "no permission to read");
        m.put(Integer.toString(INPUT_UNREADABLE), "input unreadable: empty, truncated, corrupt or encrypted, not an image, "
                + "unsupported format");
        m.put(Integer.toString(IMAGE_TOO_LARGE), "input too large: over --max-pixels or 1.1 gigapixels, a PDF page over 32767 px "
                + "a side at --pdf-dpi, more than the Java heap holds");
        m.put(Integer.toString(LANGUAGE_MISSING), "language pack missing, or installed but damaged");
        m.put(Integer.toString(NATIVE_UNAVAILABLE), "native Tesseract unavailable on this platform");
        m.put(Integer.toString(INSTALL_FAILED), "langs install or remove failed");
        m.put(Integer.toString(ENGINE_FAILED), "recognition failed inside the engine, or took longer than --timeout");
        m.put(Integer.toString(OUTPUT_FAILED), "an output could not be written");
        m.put(Integer.toString(SERVICE_UNAVAILABLE), "serve could not start: address in use or not permitted");
        m.put(Integer.toString(INTERRUPTED), "interrupted (Ctrl-C); what was finished is kept");
        return m;
    }

    /** The exit code for a library failure. */
    public static int of(OcrException.Kind kind) {
        return switch (kind) {
            case INPUT_NOT_FOUND -> INPUT_NOT_FOUND;
            case INPUT_UNREADABLE, UNSUPPORTED_FORMAT -> INPUT_UNREADABLE;
            case IMAGE_TOO_LARGE, TOO_MANY_PAGES -> IMAGE_TOO_LARGE;
            case LANGUAGE_MISSING, LANGUAGE_DAMAGED -> LANGUAGE_MISSING;
            case NATIVE_UNAVAILABLE -> NATIVE_UNAVAILABLE;
            case BAD_ARGUMENT -> USAGE;
            case INSTALL_FAILED -> INSTALL_FAILED;
            case ENGINE_FAILED, TIMEOUT -> ENGINE_FAILED;
            case OUTPUT_FAILED -> OUTPUT_FAILED;
            case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case INTERRUPTED -> INTERRUPTED;
        };
    }

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof OcrException e) {
            return of(e.kind());
        }
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
