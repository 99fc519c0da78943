package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Confidence;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code letters} step: brings back letters no stock Tesseract model knows (Ŀ ŀ, Ҕ ҕ and the other Yakut/Bashkir
 * letters, Ǣ ǣ and the other Old English letters), and the Latin diacritics {@code eng} lacks
 * (ü, ø, ł, å...), when the languages mix Latin and Cyrillic ({@code eng+rus}), without the user
 * naming a model.
 *
 * <p>Every line the stock reading does not vouch for (see {@link #vouched}: most lines of
 * ordinary English are all dictionary words) is read again alone with ocr-cli's own
 * {@value #MODEL} model (built by {@code training/}, shipped in the jar). The two readings are lined up word by
 * word (words whose boxes overlap form a group) and each group keeps its stock words unless:
 * <ul>
 *   <li>the new words hold a rare letter, and the new line as a whole is within {@value #MARGIN}
 *       points of the stock line's confidence;</li>
 *   <li>or they hold a diacritic the stock words lack, no stock word of the group is a confidently
 *       read stock dictionary word (a scan's {@code has} never becomes {@code һas}), and they are
 *       nearly as confident as the stock words, each measured against its own line's mean;</li>
 *   <li>or a lone letter the stock models read in the other script than the line's is read in the
 *       line's script ({@code буквы E и Ъ} becomes {@code буквы Ё и Ъ});</li>
 *   <li>or they are all dictionary words where the stock words are not (the Cyrillic model's
 *       {@code 5} for {@code is} beside a {@code Ҕ}).</li>
 * </ul>
 * New words mixing Latin and Cyrillic letters are never taken. Ordinary text keeps its stock
 * reading.
 */
final class LettersStep implements ReadingStep {
    private static final Logger log = LoggerFactory.getLogger(LettersStep.class);
    /** The extension model's language name. */
    static final String MODEL = "engrusx";
    /** Letters the extension model adds that the stock Latin and Cyrillic models cannot output. */
    static final String LETTERS = "ĿŀҔҕҘҙҪҫҺһӨөҮүǢǣǼǽÞþÐðǷƿ";
    /** A line read with a rare letter may be this much less confident than the stock reading and still win. */
    static final double MARGIN = 15;
    /** A word whose only news is a diacritic must be nearly as confident as the stock reading. */
    static final double DIACRITIC_MARGIN = 15;
    /** How far the extension model's lower line confidence may lift its words against the stock ones. */
    static final double MAX_OFFSET = 5;
    /** Extension-model words under this confidence never replace anything. */
    static final double FLOOR = 40;
    /**
     * A stock dictionary word read with less confidence than this does not guard its group against
     * a diacritic reading: {@code Arg} read at 45 for {@code Ærø} is a guess, {@code Naive} at 96 is not.
     */
    static final double GUARD = 60;

    @Override
    public String name() {
        return "letters";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        // The model reads mixed Latin + Cyrillic pages; on a single-script page its letters of the
        // other script would only be wrong guesses.
        List<String> langs = page.languages();
        boolean latin = langs.stream().anyMatch(l -> Script.ofLanguage(l) == Script.LATIN);
        boolean cyrillic = langs.stream().anyMatch(l -> Script.ofLanguage(l) == Script.CYRILLIC);
        if (langs.contains(MODEL) || !latin || !cyrillic) {
            return Outcome.skipped(r, "the languages do not mix Latin and Cyrillic");
        }
        if (!page.readings().hasModel(MODEL)) {
            return Outcome.skipped(r, "the " + MODEL + " model is not installed");
        }
        Readings readings = page.readings();
        Predicate<String> dictionary = readings::isDictionaryWord;
        int[] read = new int[1];
        int[] replaced = new int[1];
        PageTree merged = r.tree().mapLines(line -> {
            if (vouched(line, dictionary)) {
                return line;
            }
            read[0]++;
            Line again = readings.readLine(r.image(), line.box(), MODEL, name());
            Line m = again == null ? line : merge(line, again, dictionary);
            if (m != line) {
                log.debug("rare letters: '{}' -> '{}'", line.text(), m.text());
                replaced[0]++;
            }
            return m;
        });
        String detail = replaced[0] + " lines read with rare letters (" + read[0] + " read again)";
        return replaced[0] == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(merged), true, detail);
    }

    static boolean hasRareLetter(String s) {
        return s.codePoints().anyMatch(cp -> LETTERS.indexOf(cp) >= 0);
    }

    /**
     * A letter outside basic Latin and the Russian alphabet (a rare letter or an accented one),
     * or the Catalan middle dot of l·l.
     */
    static boolean isForeign(int cp) {
        return cp == '\u00B7' || Character.isLetter(cp) && !(cp < 128 || (cp >= 0x410 && cp <= 0x44F) || cp == 'Ё' || cp == 'ё');
    }

    /** Whether {@code ext} has a foreign letter that {@code stock} lacks altogether. */
    static boolean addsForeignLetter(String stock, String ext) {
        return ext.codePoints().anyMatch(cp -> isForeign(cp) && stock.indexOf(cp) < 0);
    }

    /** Letters of both Latin and Cyrillic in one word: a look-alike mix-up, never a real word. */
    static boolean mixedScript(String s) {
        int[] n = Script.count(s);
        return n[0] > 0 && n[1] > 0;
    }

    /**
     * Whether the stock reading vouches for the whole line, so that it is not read again: every
     * word is a dictionary word or a number, at least two characters long (a lone {@code A} or
     * {@code 5} is what the stock models make of a lone {@code Ǣ} or {@code Ҕ}). That is most
     * lines of ordinary English text. Punctuation standing alone ({@code |}, {@code &}, a dash)
     * is passed over: on the held-out rare-letter pages no rare letter was ever read as one.
     */
    static boolean vouched(Line line, Predicate<String> dictionary) {
        boolean any = false;
        for (Word w : line.words()) {
            String bare = bare(w.text());
            if (bare.isEmpty()) {
                // punctuation alone (a table's |, an &, a dash): no letter hides there
                continue;
            }
            any = true;
            if (bare.length() < 2) {
                return false;
            }
            boolean number = bare.chars().noneMatch(Character::isLetter);
            if (!number && !dictionary.test(bare)) {
                return false;
            }
        }
        return any;
    }

    /**
     * The stock line with groups of words taken from the extension model's reading where that
     * reading has letters the stock models lack; the same object when nothing changes.
     */
    static Line merge(Line stock, Line ext, Predicate<String> dictionary) {
        // The models' confidences are not on one scale (the stock dictionaries lift theirs): compare
        // groups after taking out the difference between the two lines' means, a few points at most.
        double offset = Math.max(-MAX_OFFSET, ext.confidence() - stock.confidence());
        // A line the extension model reads with a rare letter, about as confidently as the stock
        // models read it, is taken group by group without a per-word test: its word confidences
        // (no dictionary, an unfamiliar letter) say little.
        boolean rareLine = hasRareLetter(ext.text()) && ext.confidence() >= stock.confidence() - MARGIN;
        int[] n = Script.count(stock.text());
        Script lineScript = n[0] >= n[1] ? Script.LATIN : Script.CYRILLIC;
        List<Word> a = stock.words();
        List<Word> b = ext.words();
        List<Word> words = new ArrayList<>(a.size() + 2);
        boolean changed = false;
        int i = 0;
        int j = 0;
        while (i < a.size()) {
            // extension words lying wholly before the next stock word are dropped (stock saw nothing there)
            while (j < b.size() && !overlaps(a.get(i).box(), b.get(j).box()) && b.get(j).box().x1() <= center(a.get(i).box())) {
                j++;
            }
            // grow a group of mutually overlapping stock words [i, i2) and extension words [j, j2)
            int i2 = i + 1;
            int j2 = j;
            boolean grew = true;
            while (grew) {
                grew = false;
                while (j2 < b.size() && overlapsAny(b.get(j2).box(), a, i, i2)) {
                    j2++;
                    grew = true;
                }
                while (i2 < a.size() && overlapsAny(a.get(i2).box(), b, j, j2)) {
                    i2++;
                    grew = true;
                }
            }
            List<Word> sa = a.subList(i, i2);
            List<Word> sb = b.subList(j, j2);
            if (!sb.isEmpty() && better(sa, sb, lineScript, rareLine, offset, dictionary)) {
                words.addAll(sb);
                changed = true;
            } else {
                words.addAll(sa);
            }
            i = i2;
            j = j2;
        }
        return changed ? stock.withWords(words) : stock;
    }

    /** Whether the extension model's words should replace the stock words of one group. */
    private static boolean better(List<Word> stock, List<Word> ext, Script lineScript, boolean rareLine, double offset,
            Predicate<String> dictionary) {
        String extText = join(ext);
        if (!addsForeignLetter(join(stock), extText)) {
            if (loneLetterInLineScript(stock, ext, lineScript)) {
                return true;
            }
            // no news in letters: only dictionary words for a non-word (the Cyrillic model's "5"
            // for "is" next to a Ҕ), of two letters or more, in the stock words' script or the line's
            return ext.stream().allMatch(w -> bare(w.text()).length() > 1 && isWord(w, dictionary))
                    && !stock.stream().allMatch(w -> isWord(w, dictionary))
                    && (sameScript(join(stock), extText) || inScript(lineScript, extText));
        }
        for (Word w : ext) {
            if (mixedScript(w.text())) {
                return false;
            }
        }
        if (hasRareLetter(extText)) {
            return rareLine || ext.stream().allMatch(w -> w.confidence() >= FLOOR) && Confidence.mean(ext) - offset >= Confidence.mean(stock);
        }
        if (stock.stream().anyMatch(w -> guards(w, dictionary))) {
            return false;
        }
        for (Word w : ext) {
            if (w.confidence() < FLOOR) {
                return false;
            }
        }
        return Confidence.mean(ext) - offset >= Confidence.mean(stock) - DIACRITIC_MARGIN;
    }

    /**
     * A lone letter the stock models read in the other script than the rest of the line
     * ({@code буквы E и Ъ}), which the extension model reads, confidently, in the line's script;
     * or one already in the line's script (the {@code scripts} step's look-alike) that the
     * extension model reads, confidently, as the same letter with a mark the stock reading
     * dropped ({@code Е} for {@code Ё}).
     */
    private static boolean loneLetterInLineScript(List<Word> stock, List<Word> ext, Script lineScript) {
        if (stock.size() != 1 || ext.size() != 1 || ext.get(0).confidence() < FLOOR) {
            return false;
        }
        String a = bare(stock.get(0).text());
        String b = bare(ext.get(0).text());
        return a.length() == 1 && b.length() == 1 && Character.isLetter(a.charAt(0)) && Character.isLetter(b.charAt(0))
                && (!inScript(lineScript, a) || !a.equals(b) && withoutMarks(b).equals(a)) && inScript(lineScript, b);
    }

    /** The text with its combining marks taken off ({@code Ё} is {@code Е}). */
    static String withoutMarks(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /**
     * A confidently read stock dictionary word of two letters or more: no other model's reading
     * replaces it. A word the {@code scripts} step respelled or re-read does not guard: its
     * confidence is that of the letters as first read ({@code Ато} made {@code Amo}), not of a
     * reading of the word as it now stands.
     */
    private static boolean guards(Word w, Predicate<String> dictionary) {
        String bare = bare(w.text());
        return bare.length() > 1 && w.confidence() >= GUARD && dictionary.test(bare) && !w.origin().reading().equals(ScriptsStep.NAME);
    }

    private static boolean isWord(Word w, Predicate<String> dictionary) {
        String bare = bare(w.text());
        return !bare.isEmpty() && dictionary.test(bare);
    }

    /** Whether the new text's letters are of the same scripts as the old one's (anything goes where the old had no letters). */
    static boolean sameScript(String old, String now) {
        int[] a = Script.count(old);
        int[] b = Script.count(now);
        return a[0] + a[1] == 0 || (a[0] > 0) == (b[0] > 0) && (a[1] > 0) == (b[1] > 0);
    }

    /** Whether the text has letters, all of them of {@code script}. */
    static boolean inScript(Script script, String text) {
        int[] n = Script.count(text);
        return script == Script.LATIN ? n[0] > 0 && n[1] == 0 : n[1] > 0 && n[0] == 0;
    }

    /** The word without the punctuation around it. */
    static String bare(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && !Character.isLetterOrDigit(word.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(word.charAt(to - 1))) {
            to--;
        }
        return word.substring(from, to);
    }

    private static String join(List<Word> words) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            sb.append(w.text()).append(' ');
        }
        return sb.toString();
    }

    private static int center(Box b) {
        return (b.x0() + b.x1()) / 2;
    }

    /** Horizontal overlap of more than a third of the narrower box. */
    private static boolean overlaps(Box p, Box q) {
        int o = Math.min(p.x1(), q.x1()) - Math.max(p.x0(), q.x0());
        return o > 0 && 3 * o > Math.min(p.width(), q.width());
    }

    private static boolean overlapsAny(Box p, List<Word> words, int from, int to) {
        for (int k = from; k < to; k++) {
            if (overlaps(p, words.get(k).box())) {
                return true;
            }
        }
        return false;
    }
}
