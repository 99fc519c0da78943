package dev.ocrcli.output;

import dev.ocrcli.result.OcrResult;

import java.io.IOException;
import java.io.Writer;

/** Writes one {@link OcrResult} in some format. Implementations are stateless and thread-safe. */
public interface ResultWriter {
    /**
     * Writes the result.
     *
     * @param result what was recognised
     * @param out    where to; not closed
     */
    void write(OcrResult result, Writer out) throws IOException;

    /** What goes between the results of two inputs written to one stream. */
    default String separator() {
        return "";
    }
}
