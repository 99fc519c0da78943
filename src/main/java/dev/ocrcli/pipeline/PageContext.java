package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

import java.util.List;
import java.util.function.Predicate;

/**
 * The page a reading step works on, and what it may use: passed along the pipeline with the reading.
 *
 * @param input     the image the pipeline was given (before the image steps), e.g. to turn it
 * @param dpi       the input's resolution, 0 when unknown
 * @param languages the engine's languages ({@code eng}, {@code rus}, ...)
 * @param psm       the engine's page segmentation mode
 * @param readings  recognition on demand
 * @param pipeline  the pipeline itself, to prepare and read another image (a turned page) the same way
 * @param glyphsFor the words whose glyphs some step of the pipeline wants (ask for them in every reading)
 */
public record PageContext(GrayImage input, int dpi, List<String> languages, int psm, Readings readings, Pipeline pipeline,
                          Predicate<String> glyphsFor) {
    public PageContext {
        languages = List.copyOf(languages);
    }
}
