package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;

import java.util.function.Predicate;

/**
 * Recognition on demand, for the steps: the engine's one service for reading an image, or a part
 * of it, again with other settings. Every answer is in the coordinates of the image asked about,
 * so it can be merged with what was read before by geometry. Implemented by the engine, which owns
 * the native Tesseract handles; loaded models are kept for the next page.
 */
public interface Readings {
    /**
     * Recognises an image.
     *
     * @return what was read, boxes in {@code image}'s coordinates; every word's origin names the request's reading
     */
    PageTree read(GrayImage image, Request request);

    /**
     * Reads one box of an image as a single line of text ({@code --psm 7}, on a crop with a margin)
     * with the given models.
     *
     * @param models  Tesseract's language string ({@code eng}, {@code engrusx})
     * @param reading the name the words' origin gets (the asking step's)
     * @return the line, boxes in {@code image}'s coordinates and the line's box {@code box}; null when nothing was read
     */
    Line readLine(GrayImage image, Box box, String models, String reading);

    /** Whether the main models' dictionary (the first language's) holds the word. */
    boolean isDictionaryWord(String word);

    /**
     * Whether the dictionary of the given models holds the word: Tesseract's own word lists, on a
     * handle loaded with only those models ({@code rus}: the Russian list alone). Answers are kept
     * for the engine's life. False when the models carry no dictionary.
     *
     * @param models Tesseract's language string, one language ({@code eng}, {@code rus})
     */
    boolean isDictionaryWord(String word, String models);

    /** Orientation detection: how many degrees (0, 90, 180, 270) the image must turn clockwise to stand upright; 0 when unsure. */
    int uprightTurn(GrayImage image, int dpi);

    /** Whether a model is installed where the engine looks for models. */
    boolean hasModel(String name);

    /** The engine's languages ({@code eng}, {@code rus}, ...), in order. */
    java.util.List<String> languages();

    /**
     * The models of the engine's languages that carry Tesseract's legacy engine, as a language
     * string ({@code legacy/eng+legacy/rus}), or null when one of them is not installed
     * ({@code ocr-cli langs install eng --variant legacy}).
     */
    default String legacyModels() {
        StringBuilder sb = new StringBuilder();
        for (String l : languages()) {
            String m = LEGACY_DIR + "/" + l;
            if (!hasModel(m)) {
                return null;
            }
            sb.append(sb.isEmpty() ? "" : "+").append(m);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** The folder, below a tessdata directory, of models that carry the legacy engine. */
    String LEGACY_DIR = "legacy";

    /**
     * How to read.
     *
     * @param psm       page segmentation mode; 0 for the engine's own ({@code --psm})
     * @param dpi       the resolution of the image asked about, 0 when unknown (scaled with {@code scale})
     * @param models    Tesseract's language string; null for the engine's languages
     * @param reading   the name the words' origin gets ({@code layout} for the first reading, else the asking step's)
     * @param glyphsFor words whose characters are kept with their boxes
     * @param scale     read the image (or the region) resampled by this factor, e.g. 2 for small print; 1 as it is.
     *                  Boxes come back in the coordinates of the image asked about all the same
     * @param region    only this part of the image; null for all of it
     * @param legacy    read with Tesseract's legacy (pattern-matching) engine instead of the LSTM;
     *                  {@code models} must then carry it (see {@link #hasModel})
     */
    record Request(int psm, int dpi, String models, String reading, Predicate<String> glyphsFor, double scale, Box region,
                   boolean legacy) {
        public Request {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("scale " + scale);
            }
        }

        /** The whole image, as it is, with the LSTM. */
        public Request(int psm, int dpi, String models, String reading, Predicate<String> glyphsFor) {
            this(psm, dpi, models, reading, glyphsFor, 1, null, false);
        }

        /** The same request at another resolution. */
        public Request scaled(double factor) {
            return new Request(psm, dpi, models, reading, glyphsFor, factor, region, legacy);
        }

        /** The same request for one part of the image. */
        public Request in(Box part) {
            return new Request(psm, dpi, models, reading, glyphsFor, scale, part, legacy);
        }

        /** The same request made for another reading (the name its words are labelled with). */
        public Request named(String readingName) {
            return new Request(psm, dpi, models, readingName, glyphsFor, scale, region, legacy);
        }

        /** The same request with the legacy engine of other models. */
        public Request legacy(String legacyModels) {
            return new Request(psm, dpi, legacyModels, reading, glyphsFor, scale, region, true);
        }
    }
}
