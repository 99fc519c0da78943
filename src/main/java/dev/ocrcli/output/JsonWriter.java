package dev.ocrcli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.StepReport;
import dev.ocrcli.result.Word;

import java.io.IOException;
import java.io.Writer;

/**
 * The result as one JSON object on one line (so several inputs form a JSON Lines stream):
 * text, mean confidence, pages with size and resolution, lines and words with text, confidence
 * and box, languages and timing. The schema is documented in the README.
 */
public final class JsonWriter implements ResultWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @Override
    public void write(OcrResult r, Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("source", r.source());
        g.writeArrayFieldStart("languages");
        for (String l : r.languages()) {
            g.writeString(l);
        }
        g.writeEndArray();
        g.writeStringField("text", r.text());
        confidence(g, r.meanConfidence());
        g.writeArrayFieldStart("pages");
        for (PageResult p : r.pages()) {
            g.writeStartObject();
            g.writeNumberField("page", p.pageNumber());
            g.writeNumberField("width", p.width());
            g.writeNumberField("height", p.height());
            if (p.dpi() > 0) {
                g.writeNumberField("dpi", p.dpi());
            } else {
                g.writeNullField("dpi");
            }
            g.writeStringField("text", p.text());
            confidence(g, p.meanConfidence());
            g.writeArrayFieldStart("preprocessing");
            for (StepReport st : p.preprocessing()) {
                g.writeStartObject();
                g.writeStringField("step", st.step());
                g.writeBooleanField("applied", st.applied());
                g.writeStringField("detail", st.detail());
                g.writeNumberField("ms", Math.round(st.micros() / 100.0) / 10.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("lines");
            for (Line l : p.lines()) {
                g.writeStartObject();
                g.writeStringField("text", l.text());
                confidence(g, l.confidence());
                box(g, l.box());
                g.writeArrayFieldStart("words");
                for (Word w : l.words()) {
                    g.writeStartObject();
                    g.writeStringField("text", w.text());
                    confidence(g, w.confidence());
                    box(g, w.box());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("timing_ms");
        g.writeNumberField("load", r.timing().loadMillis());
        g.writeNumberField("recognize", r.timing().recognizeMillis());
        g.writeNumberField("total", r.timing().totalMillis());
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    private static void confidence(JsonGenerator g, double c) throws IOException {
        g.writeNumberField("confidence", Math.round(c * 100) / 100.0);
    }

    private static void box(JsonGenerator g, Box b) throws IOException {
        g.writeObjectFieldStart("box");
        g.writeNumberField("x0", b.x0());
        g.writeNumberField("y0", b.y0());
        g.writeNumberField("x1", b.x1());
        g.writeNumberField("y1", b.y1());
        g.writeEndObject();
    }
}
