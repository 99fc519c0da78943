package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.result.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings back letters no stock Tesseract model knows (Ŀ ŀ, Ҕ ҕ and the other Yakut/Bashkir
 * letters, Ǣ ǣ and the other Old English letters) when the languages mix Latin and Cyrillic
 * ({@code eng+rus}), without the user naming a model. Lines where the stock models stumbled (a word read with low confidence, which
 * is what an unknown glyph causes) are read again with ocr-cli's own {@value #MODEL} model
 * (built by {@code training/}, shipped in the jar); its reading replaces the line only when it
 * contains one of those letters and is about as confident. Ordinary lines are never touched.
 */
final class RareLetterResolver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RareLetterResolver.class);
    /** The extension model's language name. */
    static final String MODEL = "engrusx";
    /** Letters the extension model adds that the stock Latin and Cyrillic models cannot output. */
    static final String LETTERS = "ĿŀҔҕҘҙҪҫҺһӨөҮүǢǣǼǽÞþÐðǷƿ";
    /** Lines with a word read below this confidence are read again. */
    static final double SUSPECT = 97;
    /** The new reading may be this much less confident than the old and still win. */
    static final double MARGIN = 15;

    private final SecondReader reader;

    private RareLetterResolver(String dataPath, boolean quiet) {
        this.reader = new SecondReader(dataPath, quiet);
    }

    /** A resolver for these languages, or null when they are not Latin/Cyrillic or the model is not installed. */
    static RareLetterResolver forLanguages(List<String> langs, TessdataLocator locator, boolean quiet) {
        // The model reads mixed Latin + Cyrillic pages; on a single-script page its letters of the
        // other script would only be wrong guesses.
        boolean latin = langs.stream().anyMatch(l -> Script.ofLanguage(l) == Script.LATIN);
        boolean cyrillic = langs.stream().anyMatch(l -> Script.ofLanguage(l) == Script.CYRILLIC);
        if (langs.contains(MODEL) || !latin || !cyrillic) {
            return null;
        }
        try {
            return new RareLetterResolver(locator.dataPathFor(List.of(MODEL)).toString(), quiet);
        } catch (OcrException e) {
            log.debug("no {} model, rare letters are not read: {}", MODEL, e.getMessage());
            return null;
        }
    }

    static boolean hasRareLetter(String s) {
        return s.codePoints().anyMatch(cp -> LETTERS.indexOf(cp) >= 0);
    }

    ScriptResolver.Result resolve(GrayImage image, String text, List<Line> lines) {
        List<Line> out = new ArrayList<>(lines.size());
        List<String[]> replacements = new ArrayList<>();
        for (Line line : lines) {
            double min = line.words().stream().mapToDouble(w -> w.confidence()).min().orElse(100);
            if (min >= SUSPECT) {
                out.add(line);
                continue;
            }
            Line again = reader.read(image, line.box(), MODEL);
            if (again != null && hasRareLetter(again.text()) && again.confidence() >= line.confidence() - MARGIN) {
                log.debug("rare letters: '{}' ({}) -> '{}' ({})", line.text(), line.confidence(), again.text(), again.confidence());
                out.add(again);
                replacements.add(new String[] {line.text(), again.text()});
            } else {
                out.add(line);
            }
        }
        return new ScriptResolver.Result(ScriptResolver.replaceInOrder(text, replacements), out, replacements.size());
    }

    @Override
    public void close() {
        reader.close();
    }
}
