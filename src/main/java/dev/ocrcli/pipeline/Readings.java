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

    /** Orientation detection: how many degrees (0, 90, 180, 270) the image must turn clockwise to stand upright; 0 when unsure. */
    int uprightTurn(GrayImage image, int dpi);

    /** Whether a model is installed where the engine looks for models. */
    boolean hasModel(String name);

    /**
     * How to read.
     *
     * @param psm       page segmentation mode; 0 for the engine's own ({@code --psm})
     * @param dpi       the resolution to tell Tesseract, 0 when unknown
     * @param models    Tesseract's language string; null for the engine's languages
     * @param reading   the name the words' origin gets ({@code layout} for the first reading, else the asking step's)
     * @param glyphsFor words whose characters are kept with their boxes
     */
    record Request(int psm, int dpi, String models, String reading, Predicate<String> glyphsFor) {
    }
}
