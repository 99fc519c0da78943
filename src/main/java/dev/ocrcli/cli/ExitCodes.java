package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import picocli.CommandLine;

/** The process exit codes of ocr-cli, documented in the README. */
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

    /** The exit code for a library failure. */
    public static int of(OcrException.Kind kind) {
        return switch (kind) {
            case INPUT_NOT_FOUND -> INPUT_NOT_FOUND;
            case INPUT_UNREADABLE -> INPUT_UNREADABLE;
            case IMAGE_TOO_LARGE -> IMAGE_TOO_LARGE;
            case LANGUAGE_MISSING -> LANGUAGE_MISSING;
            case NATIVE_UNAVAILABLE -> NATIVE_UNAVAILABLE;
            case BAD_ARGUMENT -> USAGE;
            case INSTALL_FAILED -> INSTALL_FAILED;
            case ENGINE_FAILED -> ENGINE_FAILED;
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
