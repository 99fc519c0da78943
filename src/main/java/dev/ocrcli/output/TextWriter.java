package dev.ocrcli.output;

import dev.ocrcli.result.OcrResult;

import java.io.IOException;
import java.io.Writer;

/** The recognised text as Tesseract lays it out; pages and inputs separated by form feeds. */
public final class TextWriter implements ResultWriter {
    @Override
    public void write(OcrResult result, Writer out) throws IOException {
        out.write(result.text());
    }

    @Override
    public String separator() {
        return OcrResult.PAGE_SEPARATOR;
    }
}
