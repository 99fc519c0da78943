package dev.ocrcli.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an {@link OcrEngine} is configured. Immutable; made by {@link OcrEngine.Builder}.
 *
 * @param languages         Tesseract language names, in priority order
 * @param tessdata          a directory searched first for models, or null
 * @param psm               page segmentation mode
 * @param oem               OCR engine mode
 * @param dpi               resolution forced on every image, 0 to use the file's
 * @param variables         Tesseract variables ({@code -c name=value})
 * @param maxImageSize      longest side in pixels before images are shrunk, 0 for no limit
 * @param maxPixels         images with more pixels are refused before decoding, 0 for no fixed limit
 * @param timeoutMillis     per-page recognition deadline, 0 for none
 * @param tesseractMessages show Tesseract's own diagnostics on stderr
 * @param preprocess        image pipeline: {@code auto}, {@code none} or step names
 */
public record EngineOptions(List<String> languages, Path tessdata, int psm, int oem, int dpi, Map<String, String> variables,
                            int maxImageSize, long maxPixels, long timeoutMillis, boolean tesseractMessages,
                            String preprocess) {
    public static final int OEM_LEGACY = 0;
    public static final int OEM_LSTM = 1;
    public static final int OEM_COMBINED = 2;
    public static final int OEM_DEFAULT = 3;
    public static final int PSM_AUTO = 3;

    public EngineOptions {
        languages = List.copyOf(languages);
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** The same options with other languages. */
    public EngineOptions withLanguages(List<String> langs) {
        return new EngineOptions(langs, tessdata, psm, oem, dpi, variables, maxImageSize, maxPixels, timeoutMillis, tesseractMessages, preprocess);
    }

    /** The builder's scratch state. */
    static final class Mutable {
        List<String> languages = List.of("eng");
        Path tessdata;
        int psm = PSM_AUTO;
        int oem = OEM_DEFAULT;
        int dpi;
        final Map<String, String> variables = new LinkedHashMap<>();
        int maxImageSize;
        long maxPixels;
        long timeoutMillis;
        boolean tesseractMessages;
        String preprocess = "auto";

        EngineOptions freeze() {
            return new EngineOptions(languages, tessdata, psm, oem, dpi, variables, maxImageSize, maxPixels, timeoutMillis, tesseractMessages, preprocess);
        }
    }
}
