package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.lang.TessdataLocator;

/**
 * An engine's one orientation and script detection handle ({@code osd}), loaded on first use and
 * shared by everything that asks: the {@code orient} step (through {@link NativeReader}) and,
 * under {@code --lang auto}, {@link LanguageGuesser} and the reader of every language set it
 * picks. Closed by whoever made it. Not thread-safe, like the engine.
 *
 * <p>The two questions are asked with different settings, set before each call: script
 * detection classifies fewer blobs ({@value #SCRIPT_MIN_CHARACTERS} characters instead of
 * Tesseract's default; a third of the cost, and the same script on every page of the evaluation
 * sets, see bench/RESULTS.md), orientation detection Tesseract's default.
 */
final class Osd implements AutoCloseable {
    static final String MIN_CHARACTERS = "min_characters_to_try";
    /** {@link #MIN_CHARACTERS} for script detection: at most 100 blobs classified instead of 250. */
    static final String SCRIPT_MIN_CHARACTERS = "20";

    private final TessdataLocator locator;
    private final boolean quiet;
    private TesseractHandle handle;
    /** Tesseract's own value of {@link #MIN_CHARACTERS}, read when the handle loads. */
    private String defaultMinCharacters;
    /** The value set now. */
    private String minCharacters;

    Osd(TessdataLocator locator, boolean quiet) {
        this.locator = locator;
        this.quiet = quiet;
    }

    /** Orientation and script detection with the script settings; null when it fails. */
    TesseractHandle.Detection detectScript(GrayImage image, int dpi) {
        return handle(SCRIPT_MIN_CHARACTERS).detect(image, dpi);
    }

    /** How many degrees the image must turn clockwise to stand upright (0 when unsure), with Tesseract's settings. */
    int clockwiseTurn(GrayImage image, int dpi) {
        return handle(null).clockwiseTurn(image, dpi);
    }

    /** The handle, loaded on first use, with {@link #MIN_CHARACTERS} at {@code minChars} (null: Tesseract's default). */
    private TesseractHandle handle(String minChars) {
        if (handle == null) {
            handle = TesseractHandle.osd(locator, quiet);
            defaultMinCharacters = handle.intVariable(MIN_CHARACTERS);
            minCharacters = defaultMinCharacters;
        }
        String want = minChars != null ? minChars : defaultMinCharacters;
        if (want != null && !want.equals(minCharacters)) {
            handle.setVariable(MIN_CHARACTERS, want);
            minCharacters = want;
        }
        return handle;
    }

    /** Frees the handle. Idempotent. */
    @Override
    public void close() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }
}
