package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Confidence;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;

/**
 * The {@code letters} step: brings back letters no stock Tesseract model knows (Ŀ ŀ, Ҕ ҕ and the other Yakut/Bashkir
 * letters, Ǣ ǣ and the other Old English letters), and the Latin diacritics {@code eng} lacks
 * (ü, ø, ł, å...), when the languages mix Latin and Cyrillic ({@code eng+rus}), without the user
 * naming a model.
 *
 * <p>Every line the stock reading does not vouch for (see {@link #vouched}: most lines of
 * ordinary English are all dictionary words) is read again alone with ocr-cli's own
 * {@value #MODEL} model (built by {@code training/}, shipped in the jar). The two readings are lined up word by
 * word (words whose boxes overlap form a group). Where a group's new words hold a letter the
 * stock words lack, both readings are drawn in a face fitted to the line and compared with the
 * page's pixels ({@link RenderMatch}). A clear difference for the new words takes them; one for
 * the stock words refuses a rare letter (a mere diacritic is left to the rules below, which the
 * stock dictionaries back: {@code ü} drawn small and blurred looks much like {@code ii}).
 * Otherwise each group keeps its stock words unless:
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
 * New words mixing Latin and Cyrillic letters are never taken, nor letters in place of a number
 * ({@code өоо.00} for {@code 600.00}). Ordinary text keeps its stock reading.
 *
 * <p>Where the readings of a one-word group disagree, the drawings also try the extension reading
 * with one letter turned into a rare letter it is often read for ({@link #drawnAlternative}: the
 * FreeMono Bold {@code Ǣ} the model reads as {@code Ё}), and take it if it clearly beats both.
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
    /** How much better (0..1) one reading's drawing must match the page's pixels to decide a group. */
    static final double EDGE = 0.03;
    /** A number as the stock models read it: digits with decimal points or commas, nothing else. */
    private static final Pattern NUMBER = Pattern.compile("\\d+([.,]\\d+)*[.,]?");

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
        // the faces are loaded when a group first needs drawing, not for every page
        Judge judge = (line, stock, ext, stockLine, extLine) -> {
            RenderMatch render = RenderMatch.system();
            return render == null ? 0 : drawn(render, r.image()).prefer(line, stock, ext, stockLine, extLine);
        };
        int[] read = new int[1];
        int[] replaced = new int[1];
        PageTree merged = r.tree().mapLines(line -> {
            if (vouched(line, dictionary)) {
                return line;
            }
            read[0]++;
            Line again = readings.readLine(r.image(), line.box(), MODEL, name());
            log.debug("rare letters: '{}' read again as '{}'", line.text(), again == null ? null : again.text());
            Line m = again == null ? line : merge(line, again, dictionary, judge);
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
        for (int k = 0; k < ext.length(); k++) {
            char c = ext.charAt(k);
            if (Character.isHighSurrogate(c) || !isForeign(c) || stock.indexOf(c) >= 0) {
                continue;
            }
            // the middle dot is news only in the Catalan l·l, not beside a digit or a dash (M·3)
            if (c != '\u00B7' || k > 0 && k + 1 < ext.length() && isEl(ext.charAt(k - 1)) && isEl(ext.charAt(k + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEl(char c) {
        return c == 'l' || c == 'L';
    }

    /** Letters of both Latin and Cyrillic in one word: a look-alike mix-up, never a real word. */
    static boolean mixedScript(String s) {
        int[] n = Script.count(s);
        return n[0] > 0 && n[1] > 0;
    }

    /**
     * A letter beside a digit, or across a decimal point from one ({@code ө00.00}, {@code ŀ2}): in
     * place of a number the stock models read, a misreading of the number, not a word. Codes keep
     * their dash ({@code K-17}, {@code Ǣ-9}).
     */
    static boolean lettersTouchDigits(String s) {
        for (int k = 0; k + 1 < s.length(); k++) {
            char a = s.charAt(k);
            char b = s.charAt(k + 1);
            if (Character.isLetter(a) && Character.isDigit(b) || Character.isDigit(a) && Character.isLetter(b)) {
                return true;
            }
            if (k + 2 < s.length() && (b == '.' || b == ',')) {
                char c = s.charAt(k + 2);
                if (Character.isLetter(a) && Character.isDigit(c) || Character.isDigit(a) && Character.isLetter(c)) {
                    return true;
                }
            }
        }
        return false;
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
        return merge(stock, ext, dictionary, null);
    }

    /**
     * How much better a group's words as the extension model reads them match the page than the
     * same group as the stock models read it, -1..1 (0: cannot say).
     */
    interface Judge {
        /**
         * @param line      the line's box
         * @param stockLine the line's text as the stock models read it
         * @param extLine   the same with the group's words as the extension model reads them
         */
        double prefer(Box line, List<Word> stock, List<Word> ext, String stockLine, String extLine);
    }

    /**
     * The judge that draws both readings of a group in a face fitted to the line and compares
     * them with the page's pixels ({@link RenderMatch}).
     */
    static Judge drawn(RenderMatch render, GrayImage image) {
        return (line, stock, ext, stockLine, extLine) -> {
            if (stock.size() != ext.size()) {
                // words cut differently: one drawing of all of them cannot space them as the page does
                return 0;
            }
            Box group = Box.around(Stream.concat(stock.stream(), ext.stream()).map(Word::box).toList());
            String st = join(stock).trim();
            String et = join(ext).trim();
            double[] s = render.compare(image, line, group, st, stockLine, et, extLine);
            if (s == null) {
                return 0;
            }
            log.debug("rare letters: drawn '{}' matches {} against '{}' {}", st, String.format("%.3f", s[0]), et, String.format("%.3f", s[1]));
            return s[1] - s[0];
        };
    }

    /**
     * {@link #merge(Line, Line, Predicate)} with {@code judge} deciding, where it can, the groups in
     * which the extension model reads a letter the stock models lack (null: confidences alone).
     */
    static Line merge(Line stock, Line ext, Predicate<String> dictionary, Judge judge) {
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
            int i0 = i;
            int i1 = i2;
            List<Word> sa = a.subList(i, i2);
            List<Word> sb = b.subList(j, j2);
            ToDoubleBiFunction<List<Word>, List<Word>> drawn = judge == null ? null
                    : (g, e) -> judge.prefer(stock.box().union(ext.box()), g, e, stock.text(), (join(a.subList(0, i0)) + join(e) + join(a.subList(i1, a.size()))).trim());
            boolean taken = !sb.isEmpty() && better(sa, sb, lineScript, rareLine, offset, dictionary, drawn);
            Word alt = drawn == null ? null : drawnAlternative(sa, sb, dictionary, drawn);
            if (alt != null) {
                words.add(alt);
                changed = true;
            } else if (taken) {
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

    /** For each letter the models read in place of a rare letter, the rare letters it may stand for. */
    private static final Map<Character, String> STANDS_FOR = Map.ofEntries(
            Map.entry('E', "Ǣ"), Map.entry('Ё', "Ǣ"), Map.entry('Ǽ', "Ǣ"), Map.entry('ǣ', "Ǣ"),
            Map.entry('ǽ', "ǣ"), Map.entry('L', "Ŀ"), Map.entry('ŀ', "Ŀ"),
            Map.entry('Б', "Ҕ"), Map.entry('5', "Ҕҕ"), Map.entry('ҕ', "Ҕ"), Map.entry('б', "ҕ"), Map.entry('в', "ҕ"));

    /**
     * Where the two readings of a one-word group disagree: either reading with one letter turned
     * into a rare letter it is often read for ({@code Ё} for {@code Ǣ}, {@code ǣ} for {@code Ǣ};
     * the stock reading's too, which may have the rest of the word right where the extension
     * model garbled it), or respelled in its rare letter's script ({@code aҕа}, mixing scripts,
     * as {@code аҕа}), if the drawings clearly prefer it to both readings (look-alikes draw alike,
     * so a respelling alone rarely is). Never in place of a confidently read stock dictionary word.
     */
    static Word drawnAlternative(List<Word> stock, List<Word> ext, Predicate<String> dictionary,
            ToDoubleBiFunction<List<Word>, List<Word>> drawn) {
        if (stock.size() != 1 || ext.size() != 1 || guards(stock.get(0), dictionary)) {
            return null;
        }
        String t = ext.get(0).text();
        String own = stock.get(0).text();
        if (t.equals(own) || t.length() > 12 || own.length() > 12) {
            return null;
        }
        Set<String> candidates = candidates(t);
        // the stock reading's misreadings too: it may have the rest of the word right where the
        // extension model read it wrong (L-3 for Ŀ-3 where the extension reads Ŀ·З)
        candidates.addAll(candidates(own));
        Word best = null;
        double bestEdge = EDGE;
        int tried = 0;
        for (String cand : candidates) {
            if (tried >= 8) {
                break;
            }
            if (cand.equals(own) || cand.equals(t)) {
                continue;
            }
            tried++;
            Word w = new Word(cand, ext.get(0).confidence(), ext.get(0).box(), ext.get(0).origin(), List.of());
            double overStock = drawn.applyAsDouble(stock, List.of(w));
            // and against the extension reading as it stands
            if (overStock >= bestEdge && drawn.applyAsDouble(ext, List.of(w)) >= EDGE) {
                best = w;
                bestEdge = overStock;
            }
        }
        return best;
    }

    /**
     * The texts one reading of a word may stand for: respelled in a rare letter's script where it
     * mixes scripts around one ({@code aҕа} as {@code аҕа}), and with one letter turned into a rare
     * letter it is often read for ({@link #STANDS_FOR}), respelled the same way where that mixes
     * scripts ({@code a5a} as {@code aҕa}, so {@code аҕа}). Words still mixing scripts are left out.
     */
    static Set<String> candidates(String t) {
        Set<String> bases = new LinkedHashSet<>();
        bases.add(t);
        bases.addAll(respelled(t));
        Set<String> out = new LinkedHashSet<>();
        for (String base : bases) {
            if (!base.equals(t)) {
                out.add(base);
            }
            for (int k = 0; k < base.length(); k++) {
                String rare = STANDS_FOR.get(base.charAt(k));
                for (int q = 0; rare != null && q < rare.length(); q++) {
                    String c = base.substring(0, k) + rare.charAt(q) + base.substring(k + 1);
                    if (mixedScript(c)) {
                        out.addAll(respelled(c));
                    } else {
                        out.add(c);
                    }
                }
            }
        }
        out.removeIf(LettersStep::mixedScript);
        return out;
    }

    /**
     * A word mixing scripts around a rare letter, spelled in that letter's script (look-alike for
     * look-alike); none for a word in one script.
     */
    private static List<String> respelled(String t) {
        if (!mixedScript(t)) {
            return List.of();
        }
        return t.codePoints().filter(cp -> LETTERS.indexOf(cp) >= 0).mapToObj(Script::ofLetter).distinct()
                .map(sc -> Script.lookAlike(t, sc)).filter(x -> x != null).toList();
    }

    /** Whether the extension model's words should replace the stock words of one group. */
    private static boolean better(List<Word> stock, List<Word> ext, Script lineScript, boolean rareLine, double offset,
            Predicate<String> dictionary, ToDoubleBiFunction<List<Word>, List<Word>> judge) {
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
            if (mixedScript(w.text()) || lettersTouchDigits(w.text()) && stock.stream().allMatch(v -> NUMBER.matcher(v.text()).matches())) {
                return false;
            }
        }
        boolean rare = hasRareLetter(extText);
        if (judge != null) {
            // the drawings decide where they differ clearly; against a reading that only adds a
            // mark they do not overrule the rules below, which the stock dictionaries back (ü drawn
            // small and blurred looks much like ii)
            double d = judge.applyAsDouble(stock, ext);
            if (d >= EDGE) {
                return true;
            }
            if (d <= -EDGE && rare) {
                return false;
            }
        }
        if (rare) {
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
