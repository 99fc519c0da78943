package dev.ocrcli.image;

import java.util.List;

/**
 * How loud the decoders' own logs are. PDFBox and FontBox log through commons-logging, which
 * jcl-over-slf4j routes into slf4j; JJ2000 (the JPEG 2000 decoder) prints through its own
 * message logger, which {@link ImageIOPlugins} routes into slf4j too. On hostile or merely odd
 * files they log a great deal, often with stack traces, about problems ocr-cli reports itself
 * (an image that cannot be decoded fails its page with one line), so by default they say nothing;
 * at {@code -v} our own loaders give one line per problem (see {@link PdfLoader}); at {@code -vv}
 * the libraries' own warnings appear too, with their traces.
 */
public final class ThirdPartyLogging {
    /** Logger name prefixes of the decoders. */
    public static final List<String> LOGGERS = List.of("org.apache.pdfbox", "org.apache.fontbox", ImageIOPlugins.JJ2000_LOGGER);

    private ThirdPartyLogging() {}

    /**
     * Sets the decoders' log levels for slf4j-simple (the back end the command line ships) from
     * the verbosity: 0 or 1 off, 2 warnings with traces. Call before the first logger is made;
     * a level set explicitly (a {@code -D} system property) is kept.
     */
    public static void configure(int verbosity) {
        String level = verbosity >= 2 ? "warn" : "off";
        for (String name : LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(key) == null) {
                System.setProperty(key, level);
            }
        }
    }
}
