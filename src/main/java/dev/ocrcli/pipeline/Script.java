package dev.ocrcli.pipeline;

import java.util.Set;

/** The writing systems ocr-cli tells apart on mixed pages. */
enum Script {
    LATIN, CYRILLIC, OTHER;

    private static final Set<String> LATIN_LANGS = Set.of("eng", "deu", "fra", "spa", "ita", "por", "nld", "pol", "ces", "slk", "slv",
            "hrv", "bos", "swe", "dan", "nor", "fin", "est", "lav", "lit", "hun", "ron", "tur", "cat", "eus", "glg", "isl", "gle", "mlt",
            "sqi", "vie", "ind", "msa", "tgl", "afr", "swa", "lat", "enm", "frm", "frk", "srp_latn", "uzb", "aze", "cym", "fao", "fil",
            "fry", "gla", "hat", "ltz", "mri", "oci", "que", "ceb", "cos", "epo", "jav", "sun", "ton", "yor", "ita_old", "spa_old",
            "deu_latf", "Latin", "script/Latin");
    private static final Set<String> CYRILLIC_LANGS = Set.of("rus", "ukr", "bel", "bul", "srp", "mkd", "kaz", "kir", "tgk", "mon", "tat",
            "bak", "sah", "chv", "uzb_cyrl", "aze_cyrl", "Cyrillic", "script/Cyrillic");

    /** The script a Tesseract language model reads, OTHER when unknown or not Latin/Cyrillic. */
    static Script ofLanguage(String lang) {
        if (LATIN_LANGS.contains(lang)) {
            return LATIN;
        }
        if (CYRILLIC_LANGS.contains(lang)) {
            return CYRILLIC;
        }
        return OTHER;
    }

    /** The script of one letter; OTHER for digits, punctuation and other scripts. */
    static Script ofLetter(int cp) {
        if (!Character.isLetter(cp)) {
            return OTHER;
        }
        return switch (Character.UnicodeScript.of(cp)) {
            case LATIN -> LATIN;
            case CYRILLIC -> CYRILLIC;
            default -> OTHER;
        };
    }

    /** Cyrillic letters drawn exactly like a Latin one, and those Latin letters, position for position. */
    private static final String CYRILLIC_TWINS = "АВЕКМНОРСТХаеорсхуЅІЈѕіј";
    private static final String LATIN_TWINS = "ABEKMHOPCTXaeopcxySIJsij";

    /**
     * The text with its letters of the other script than {@code to} swapped for their look-alikes
     * in {@code to} ({@code 13 А} with a Cyrillic А becomes {@code 13 A}); null when one of them has
     * no look-alike.
     */
    static String lookAlike(String text, Script to) {
        String from = to == LATIN ? CYRILLIC_TWINS : LATIN_TWINS;
        String into = to == LATIN ? LATIN_TWINS : CYRILLIC_TWINS;
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Script s = ofLetter(c);
            if ((s == LATIN || s == CYRILLIC) && s != to) {
                int k = from.indexOf(c);
                if (k < 0) {
                    return null;
                }
                c = into.charAt(k);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Letters of each script in a text that have no look-alike in the other script: {latin, cyrillic}. */
    static int[] countDistinct(String text) {
        return count(text, true);
    }

    /** Letters of each script in a text: {latin, cyrillic}. */
    static int[] count(String text) {
        return count(text, false);
    }

    private static int[] count(String text, boolean distinctOnly) {
        int[] n = new int[2];
        text.codePoints().forEach(cp -> {
            Script s = ofLetter(cp);
            if (s == LATIN && !(distinctOnly && LATIN_TWINS.indexOf(cp) >= 0)) {
                n[0]++;
            } else if (s == CYRILLIC && !(distinctOnly && CYRILLIC_TWINS.indexOf(cp) >= 0)) {
                n[1]++;
            }
        });
        return n;
    }
}
