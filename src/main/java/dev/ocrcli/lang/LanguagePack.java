package dev.ocrcli.lang;

import java.nio.file.Path;

/**
 * One installed language model ({@code NAME.traineddata}) and where it was found.
 *
 * @param name   the Tesseract language name, e.g. {@code eng}, {@code rus}, {@code script/Latin}
 * @param file   the model file on disk; null for a model bundled in the jar that has not been
 *               extracted yet (listing does not extract)
 * @param source which search location supplied it
 */
public record LanguagePack(String name, Path file, TessdataLocator.Source source) {
}
