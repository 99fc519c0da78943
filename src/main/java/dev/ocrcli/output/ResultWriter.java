package dev.ocrcli.output;

import dev.ocrcli.result.OcrResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes one {@link OcrResult} in some format. Implementations are stateless and thread-safe.
 *
 * <p>Text formats implement {@link #write(OcrResult, Writer)}; the byte variant
 * {@link #write(OcrResult, OutputStream)} encodes them as UTF-8. Binary formats ({@link #binary()}
 * is true, e.g. PDF) implement the byte variant and refuse the character one.
 */
public interface ResultWriter {
    /**
     * Writes the result as characters.
     *
     * @param result what was recognised
     * @param out    where to; not closed
     * @throws UnsupportedOperationException for a binary format
     */
    void write(OcrResult result, Writer out) throws IOException;

    /**
     * Writes the result as bytes (UTF-8 for text formats).
     *
     * @param result what was recognised
     * @param out    where to; flushed, not closed
     */
    default void write(OcrResult result, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(result, w);
        w.flush();
    }

    /** True when the format is bytes, not text (only {@link #write(OcrResult, OutputStream)} works). */
    default boolean binary() {
        return false;
    }

    /** What goes between the results of two inputs written to one stream. */
    default String separator() {
        return "";
    }

    /** The media type, for HTTP responses. */
    default String mediaType() {
        return "text/plain; charset=utf-8";
    }
}
