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
    public static final int OUTPUT_FAILED = 10;
    public static final int SERVICE_UNAVAILABLE = 11;
    /** 128 + SIGINT, as shells report a process ended by Ctrl-C. */
    public static final int INTERRUPTED = 130;

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
