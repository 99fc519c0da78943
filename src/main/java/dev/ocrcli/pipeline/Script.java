package dev.ocrcli.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * Letters of one script drawn like letters of the other in some fonts or styles, with every
     * way each can be read in the other script (the exact twins first, as in {@link #lookAlike},
     * then shapes that only some faces share: italic {@code т} and {@code m}, {@code к} and
     * {@code k}, {@code и} and {@code u}, {@code п} and {@code n}, lower-case {@code в} and a small
     * {@code B}). Only letters of Russian and English are listed: the words are looked up in their
     * dictionaries.
     */
    private static final Map<Character, String> TO_LATIN = Map.ofEntries(
            Map.entry('А', "A"), Map.entry('В', "B"), Map.entry('Е', "E"), Map.entry('К', "K"), Map.entry('М', "M"),
            Map.entry('Н', "H"), Map.entry('О', "O"), Map.entry('Р', "P"), Map.entry('С', "C"), Map.entry('Т', "T"),
            Map.entry('Х', "X"), Map.entry('У', "Y"), Map.entry('а', "a"), Map.entry('е', "e"), Map.entry('о', "o"),
            Map.entry('р', "p"), Map.entry('с', "c"), Map.entry('х', "x"), Map.entry('у', "y"), Map.entry('к', "k"),
            Map.entry('т', "mT"), Map.entry('п', "n"), Map.entry('и', "u"), Map.entry('г', "r"), Map.entry('ь', "b"),
            Map.entry('в', "B"), Map.entry('м', "M"), Map.entry('н', "H"));
    private static final Map<Character, String> TO_CYRILLIC = Map.ofEntries(
            Map.entry('A', "А"), Map.entry('B', "Вв"), Map.entry('E', "Е"), Map.entry('K', "Кк"), Map.entry('M', "Мм"),
            Map.entry('H', "Нн"), Map.entry('O', "О"), Map.entry('P', "Р"), Map.entry('C', "С"), Map.entry('T', "Тт"),
            Map.entry('X', "Х"), Map.entry('Y', "У"), Map.entry('a', "а"), Map.entry('e', "е"), Map.entry('o', "о"),
            Map.entry('p', "р"), Map.entry('c', "с"), Map.entry('x', "х"), Map.entry('y', "у"), Map.entry('k', "к"),
            Map.entry('m', "тм"), Map.entry('n', "п"), Map.entry('u', "и"), Map.entry('r', "г"), Map.entry('b', "ь"));
    /** Digits read for a letter between letters ({@code Bpe3ka}): the letters they stand for. */
    private static final Map<Character, String> DIGIT_TO_CYRILLIC = Map.of('3', "з", '0', "о", '6', "б");
    private static final Map<Character, String> DIGIT_TO_LATIN = Map.of('0', "o");

    /**
     * Letters of each script in a text that have no look-alike in the other script in any face
     * (not even the shapes only some fonts share, see {@link #spellings}): {latin, cyrillic}. A
     * {@code д} or a {@code g} tells the script; an {@code п} or an {@code n} may not.
     */
    static int[] countStrong(String text) {
        int[] n = new int[2];
        text.codePoints().forEach(cp -> {
            Script s = ofLetter(cp);
            if (s == LATIN && (cp > 0xFFFF || !TO_CYRILLIC.containsKey((char) cp)) && LATIN_TWINS.indexOf(cp) < 0) {
                n[0]++;
            } else if (s == CYRILLIC && (cp > 0xFFFF || !TO_LATIN.containsKey((char) cp)) && CYRILLIC_TWINS.indexOf(cp) < 0
                    && cp != 'з' && cp != 'б' && cp != 'З') {
                n[1]++;
            }
        });
        return n;
    }

    /** The other of Latin and Cyrillic. */
    Script other() {
        return this == LATIN ? CYRILLIC : this == CYRILLIC ? LATIN : OTHER;
    }

    /** The script of a word's letters: LATIN or CYRILLIC when all are of one, OTHER when it has none or mixes them. */
    static Script ofWord(String text) {
        int[] n = count(text);
        return n[0] > 0 && n[1] == 0 ? LATIN : n[1] > 0 && n[0] == 0 ? CYRILLIC : OTHER;
    }

    /** Whether a digit that can stand for a letter ({@code 3} for {@code з}) sits between two letters. */
    static boolean digitBetweenLetters(String text) {
        for (int i = 1; i + 1 < text.length(); i++) {
            if (DIGIT_TO_CYRILLIC.containsKey(text.charAt(i)) && between(text, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every letter of the text that is not of script {@code to} has a look-alike in it
     * (and the text has letters): the word could be a word of {@code to} read in the wrong script.
     */
    static boolean allLookAlike(String text, Script to) {
        Map<Character, String> table = to == LATIN ? TO_LATIN : TO_CYRILLIC;
        boolean letters = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Script s = ofLetter(c);
            if (s == LATIN || s == CYRILLIC) {
                letters = true;
                if (s != to && !table.containsKey(c)) {
                    return false;
                }
            } else if (Character.isLetter(c)) {
                return false;
            }
        }
        return letters;
    }

    /**
     * The spellings of a word in script {@code to}: its letters of the other script swapped for
     * their look-alikes, every combination where a letter has several (at most {@code max}), and
     * digits between letters read as the letters they stand for; the exact twins come first. Empty
     * when a letter has no look-alike in {@code to}.
     */
    static List<String> spellings(String text, Script to, int max) {
        Map<Character, String> table = to == LATIN ? TO_LATIN : TO_CYRILLIC;
        Map<Character, String> digits = to == LATIN ? DIGIT_TO_LATIN : DIGIT_TO_CYRILLIC;
        List<String> options = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Script s = ofLetter(c);
            if ((s == LATIN || s == CYRILLIC) && s != to) {
                String o = table.get(c);
                if (o == null) {
                    return List.of();
                }
                options.add(o);
            } else if (digits.containsKey(c) && between(text, i)) {
                options.add(digits.get(c));
            } else {
                options.add(String.valueOf(c));
            }
        }
        List<String> out = new ArrayList<>();
        expand(options, 0, new StringBuilder(), out, max);
        return out;
    }

    private static boolean between(String text, int i) {
        int a = i - 1;
        while (a >= 0 && Character.isDigit(text.charAt(a))) {
            a--;
        }
        int b = i + 1;
        while (b < text.length() && Character.isDigit(text.charAt(b))) {
            b++;
        }
        return a >= 0 && b < text.length() && Character.isLetter(text.charAt(a)) && Character.isLetter(text.charAt(b));
    }

    private static void expand(List<String> options, int k, StringBuilder sb, List<String> out, int max) {
        if (out.size() >= max) {
            return;
        }
        if (k == options.size()) {
            out.add(sb.toString());
            return;
        }
        String o = options.get(k);
        for (int j = 0; j < o.length(); j++) {
            sb.append(o.charAt(j));
            expand(options, k + 1, sb, out, max);
            sb.setLength(sb.length() - 1);
        }
    }

    /**
     * The text as both scripts draw it, case folded: look-alike letters and the digits read for
     * them meet ({@code Bpe3ka} and {@code врезка}, {@code Bec} and {@code вес}), so two readings
     * of one box can be told to spell the same shapes.
     */
    static String skeleton(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String l = TO_LATIN.get(c);
            if (l != null) {
                c = l.charAt(0);
            } else if (DIGIT_TO_CYRILLIC.containsKey(c)) {
                c = TO_LATIN.getOrDefault(DIGIT_TO_CYRILLIC.get(c).charAt(0), DIGIT_TO_CYRILLIC.get(c)).charAt(0);
            }
            sb.append(Character.toLowerCase(c));
        }
        // a Cyrillic letter's Latin twin may itself fold to another case's twin (в -> B -> b, т -> m)
        return sb.toString().replace('з', '3').replace('б', '6');
    }
}
