package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.lang.TessdataLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the languages for one page under {@code --lang auto}, from the main script
 * Tesseract's orientation and script detection ({@code osd}) sees on it.
 *
 * <p>Latin and Cyrillic pages, and pages mixing both, are read with the <em>base</em> set:
 * {@code eng+rus} when the Russian model is installed (the two are read together, so a Russian
 * line on an English page comes out right, rare letters included), {@code eng} otherwise. A page
 * of another script is read with the first installed model for it (for Greek {@code ell}, then
 * {@code grc}, then the {@code Greek} script model) plus {@code eng}; when none is installed the
 * page is read with the base set and a warning names the model to install. Detection picks a
 * script, not a language: a German page is read as Latin, with {@code eng}'s dictionary.
 *
 * <p>Detection can be wrong on a poor page (a stained Latin photocopy looks Greek to {@code osd}),
 * so a page read with another script's model is checked by its text ({@link #confirms}): when few
 * of its letters are of that script, the page is read again with the base set.
 */
final class LanguageGuesser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LanguageGuesser.class);
    /** The {@code --lang} value that asks for this. */
    static final String AUTO = "auto";
    /** Below this script confidence the detection is a guess and the base set reads the page. */
    static final float MIN_SCRIPT_CONFIDENCE = 1.0f;

    /** Models for each script Tesseract's {@code osd} names, best first; the script model itself is tried last. */
    private static final Map<String, List<String>> MODELS = Map.ofEntries(
            Map.entry("Greek", List.of("ell", "grc")),
            Map.entry("Arabic", List.of("ara", "fas", "urd")),
            Map.entry("Hebrew", List.of("heb", "yid")),
            Map.entry("Han", List.of("chi_sim", "chi_tra")),
            Map.entry("Japanese", List.of("jpn")),
            Map.entry("Katakana", List.of("jpn")),
            Map.entry("Hiragana", List.of("jpn")),
            Map.entry("Korean", List.of("kor")),
            Map.entry("Hangul", List.of("kor")),
            Map.entry("Devanagari", List.of("hin", "mar", "nep", "san")),
            Map.entry("Bengali", List.of("ben", "asm")),
            Map.entry("Tamil", List.of("tam")),
            Map.entry("Telugu", List.of("tel")),
            Map.entry("Kannada", List.of("kan")),
            Map.entry("Malayalam", List.of("mal")),
            Map.entry("Gujarati", List.of("guj")),
            Map.entry("Gurmukhi", List.of("pan")),
            Map.entry("Thai", List.of("tha")),
            Map.entry("Lao", List.of("lao")),
            Map.entry("Khmer", List.of("khm")),
            Map.entry("Myanmar", List.of("mya")),
            Map.entry("Sinhala", List.of("sin")),
            Map.entry("Tibetan", List.of("bod")),
            Map.entry("Ethiopic", List.of("amh", "tir")),
            Map.entry("Armenian", List.of("hye")),
            Map.entry("Georgian", List.of("kat")),
            Map.entry("Fraktur", List.of("deu_latf", "frk")));

    private final TessdataLocator locator;
    private final List<String> base;
    private final Set<String> warned = new HashSet<>();
    /** Whether each language asked about so far is installed: looked up once, not once a page. */
    private final Map<String, Boolean> installed = new HashMap<>();
    private final Osd osd;
    private final boolean ownsOsd;

    /** A guesser with an orientation and script detection handle of its own. */
    LanguageGuesser(TessdataLocator locator, boolean quiet) {
        this(locator, new Osd(locator, quiet), true);
    }

    /** A guesser that asks the engine's shared detection handle, which its owner closes. */
    LanguageGuesser(TessdataLocator locator, Osd osd) {
        this(locator, osd, false);
    }

    private LanguageGuesser(TessdataLocator locator, Osd osd, boolean ownsOsd) {
        this.locator = locator;
        this.osd = osd;
        this.ownsOsd = ownsOsd;
        this.base = installed("rus") ? List.of("eng", "rus") : List.of("eng");
    }

    /** Whether a language list asks for automatic choice. */
    static boolean isAuto(List<String> languages) {
        return languages.size() == 1 && AUTO.equals(languages.get(0));
    }

    /** The languages Latin and Cyrillic pages are read with. */
    List<String> base() {
        return base;
    }

    /**
     * The languages chosen for a page, and the script that chose them.
     *
     * @param languages what to read the page with
     * @param script    the detected script when it chose other languages than the base set, else null
     */
    record Choice(List<String> languages, String script) {}

    /** The languages to read this page with. */
    Choice choose(GrayImage page, int dpi, String source) {
        TesseractHandle.Detection d = osd.detectScript(page, dpi);
        if (d == null || d.scriptConfidence() < MIN_SCRIPT_CONFIDENCE) {
            log.debug("{}: script not detected ({}), reading with {}", source, d, base);
            return new Choice(base, null);
        }
        List<String> langs = languagesForScript(d.script(), source);
        return new Choice(langs, langs.equals(base) ? null : d.script());
    }

    /** A page read as {@code script} must have at least this share of its letters in that script. */
    static final double MIN_SCRIPT_SHARE = 0.3;

    /**
     * Whether text read with a script's model bears the detection out: at least
     * {@value #MIN_SCRIPT_SHARE} of its letters are of that script (always true for a script Java
     * does not know by that name).
     */
    static boolean confirms(String script, String text) {
        Set<Character.UnicodeScript> wanted = switch (script) {
            case "Japanese" -> Set.of(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA);
            case "Korean" -> Set.of(Character.UnicodeScript.HANGUL, Character.UnicodeScript.HAN);
            case "Fraktur" -> Set.of(Character.UnicodeScript.LATIN);
            default -> {
                try {
                    yield Set.of(Character.UnicodeScript.forName(script));
                } catch (IllegalArgumentException e) {
                    yield Set.of();
                }
            }
        };
        if (wanted.isEmpty()) {
            return true;
        }
        long letters = text.codePoints().filter(Character::isLetter).count();
        long inScript = text.codePoints().filter(cp -> Character.isLetter(cp) && wanted.contains(Character.UnicodeScript.of(cp))).count();
        return letters > 0 && inScript >= MIN_SCRIPT_SHARE * letters;
    }

    /** The languages for a page whose main script is {@code script}, as {@code osd} names it. */
    List<String> languagesForScript(String script, String source) {
        if (script.equals("Latin") || script.equals("Cyrillic") || script.isEmpty() || script.equals("Common")) {
            return base;
        }
        List<String> candidates = new ArrayList<>(MODELS.getOrDefault(script, List.of()));
        candidates.add(script);
        for (String lang : candidates) {
            if (installed(lang)) {
                log.debug("{}: {} script, reading with {}+eng", source, script, lang);
                return List.of(lang, "eng");
            }
        }
        if (warned.add(script)) {
            log.warn("{}: the text looks {}, but no model for it is installed (try: ocr-cli langs install {}); reading with {}",
                    source, script, candidates.get(0), String.join("+", base));
        }
        return base;
    }

    private boolean installed(String lang) {
        return installed.computeIfAbsent(lang, l -> {
            try {
                locator.find(l);
                return true;
            } catch (OcrException e) {
                return false;
            }
        });
    }

    /** Closes the detection handle if it is this guesser's own. */
    @Override
    public void close() {
        if (ownsOsd) {
            osd.close();
        }
    }
}
