package dev.ocrcli.cli;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.simple.SimpleLogger;
import org.slf4j.simple.SimpleLoggerFactory;
import org.slf4j.simple.SimpleServiceProvider;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Log lines of the command line in ocr-cli's own voice: {@code ocr-cli: warning: MESSAGE},
 * {@code ocr-cli: error: MESSAGE}, {@code ocr-cli: MESSAGE} (information, {@code -v}) and, with
 * {@code -vv}, {@code ocr-cli: debug: [TIME THREAD LOGGER] MESSAGE}: never a bare logger prefix
 * such as {@code WARN Evaluation -}.
 *
 * <p>slf4j-simple does the work (levels per logger from {@code org.slf4j.simpleLogger.*}
 * properties, output to {@link System#err} as it is at the time of logging); only the level's
 * rendering is ours. {@link Main} selects this provider with the {@code slf4j.provider} property
 * before the first logger is made; the library used on its own keeps plain slf4j-simple.
 */
public final class CliLogging extends SimpleServiceProvider {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    /** Whether debug lines carry time, thread and logger (set by {@link #configure}). */
    private static volatile boolean detailed;
    /** Whether a logged exception's stack trace follows its line: only with {@code -vv}. */
    private static volatile boolean stackTraces;

    private ILoggerFactory factory;

    @Override
    public void initialize() {
        super.initialize();
        factory = new Factory();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    /**
     * Sets up logging for a run at the given verbosity: warnings and errors by default, information
     * with 1, debug with 2. Properties already set (e.g. {@code -Dorg.slf4j.simpleLogger.defaultLogLevel})
     * win. Call before the first logger is made.
     */
    static void configure(int verbosity) {
        detailed = verbosity > 1;
        stackTraces = verbosity > 1;
        setIfAbsent("slf4j.provider", CliLogging.class.getName());
        // the line slf4j prints when a provider is named explicitly is noise for a user
        setIfAbsent("slf4j.internal.verbosity", "WARN");
        setIfAbsent(SimpleLogger.DEFAULT_LOG_LEVEL_KEY, switch (verbosity) {
            case 0 -> "warn";
            case 1 -> "info";
            default -> "debug";
        });
        setIfAbsent(SimpleLogger.LOG_FILE_KEY, "System.err");
        setIfAbsent(SimpleLogger.SHOW_DATE_TIME_KEY, "false");
        setIfAbsent(SimpleLogger.SHOW_THREAD_NAME_KEY, "false");
        setIfAbsent(SimpleLogger.SHOW_LOG_NAME_KEY, "false");
        setIfAbsent(SimpleLogger.SHOW_SHORT_LOG_NAME_KEY, "false");
        setIfAbsent(SimpleLogger.LEVEL_IN_BRACKETS_KEY, "false");
        // PDFBox, FontBox, JJ2000: silent unless -vv (our loaders report their problems in one line each)
        dev.ocrcli.image.ThirdPartyLogging.configure(verbosity);
        // Leptonica's native 'Error in ...:' lines likewise (it writes to stderr itself, past our logging)
        dev.ocrcli.engine.NativeLibraries.leptonicaMessages(verbosity > 1);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static final class Factory extends SimpleLoggerFactory {
        @Override
        protected Logger createLogger(String name) {
            return new CliLogger(name);
        }
    }

    /** A slf4j-simple logger whose level reads {@code ocr-cli: warning:} and so on. */
    private static final class CliLogger extends SimpleLogger {
        private static final long serialVersionUID = 1L;

        CliLogger(String name) {
            super(name);
        }

        /**
         * Markers are left out: slf4j-simple prints them before the message, so commons-logging's
         * (PDFBox logs through it) read {@code ocr-cli: error:  COMMONS-LOGGING Cannot read ...}.
         */
        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            super.handleNormalizedLoggingCall(level, null, pattern, args, t);
        }

        @Override
        public void log(LoggingEvent event) {
            Object[] args = event.getArgumentArray();
            if (isLevelEnabled(event.getLevel().toInt())) {
                super.handleNormalizedLoggingCall(event.getLevel(), null, event.getMessage(), args, event.getThrowable());
            }
        }

        /** Every problem is one line unless {@code -vv}: a library's stack trace too. */
        @Override
        protected void writeThrowable(Throwable t, PrintStream out) {
            if (stackTraces) {
                super.writeThrowable(t, out);
            }
        }

        @Override
        protected String renderLevel(int level) {
            String prefix = switch (level) {
                case LOG_LEVEL_ERROR -> "ocr-cli: error:";
                case LOG_LEVEL_WARN -> "ocr-cli: warning:";
                case LOG_LEVEL_INFO -> "ocr-cli:";
                case LOG_LEVEL_DEBUG -> "ocr-cli: debug:";
                default -> "ocr-cli: trace:";
            };
            if (!detailed) {
                return prefix;
            }
            String logger = getName().substring(getName().lastIndexOf('.') + 1);
            return prefix + " [" + LocalTime.now().format(TIME) + " " + Thread.currentThread().getName() + " " + logger + "]";
        }
    }
}
