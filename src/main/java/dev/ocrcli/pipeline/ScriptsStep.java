package dev.ocrcli.pipeline;

import dev.ocrcli.result.Line;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code scripts} step: every word of a Latin + Cyrillic page in its own script. With
 * {@code eng+rus}, Tesseract picks a model per word and sometimes picks wrong: {@code Rain (mm)}
 * comes back as Cyrillic {@code Кат (тт)}, {@code 21.4 C} with a Cyrillic {@code С}, a Russian
 * {@code Врезка} as Latin {@code Bpe3ka}. Three passes over each line, each on evidence about the
 * word itself. The script of a line, for a word, is the one most of the line's other words'
 * letters that have no look-alike in any face belong to ({@code д}, {@code g}; see
 * {@link Script#countStrong}); at a tie, the nearest such neighbours', then the page's.
 *
 * <ol>
 *   <li><b>Look-alike words</b>: a word whose letters all have look-alikes in the other script
 *       ({@code Caxap}, {@code оп}), that mixes the scripts, or that holds a digit between letters
 *       ({@code 3} for {@code з}) is spelled in each script ({@link Script#spellings}) and the
 *       spellings are looked up in each script's own dictionary (Tesseract's word lists, one
 *       language at a time). A spelling only the other script's dictionary holds wins when the line
 *       is of that script; against the line it must also be what the other script's model alone
 *       reads in the word's box, and the page must hold other words of that script (with letters
 *       that tell it, and in its dictionary). When both dictionaries hold a spelling, the line's
 *       script decides ({@code on} in an English line, {@code вес} in a Russian one). A word mixing
 *       the scripts, or with a digit for a letter, is never right as read: it takes the one
 *       dictionary's spelling, else its line's script. A word going over to its line's script is
 *       first read again alone with that script's models, and that reading is taken when it is
 *       surer ({@code Мо} is {@code No}, not {@code Mo}); else the look-alike spelling.</li>
 *   <li><b>Re-read</b>: on a line whose letters are mostly of one script, a word still holding
 *       letters of the other is read again alone with only the line's script's models, and the new
 *       reading replaces the old when the engine is more confident of it (but a word the first pass
 *       kept by its dictionary does not just swap its look-alikes).</li>
 *   <li><b>Lone letters</b>: a word with one letter, or with letters beside digits (a unit's
 *       {@code 5 T}, a code's {@code K-17}), has no spelling to look up: it takes its line's script,
 *       read again alone in it when that is surer, else with its look-alike swapped. An
 *       {@code x} between two numbers is the times sign ({@code 3 x 150.00}): Latin on any line.</li>
 * </ol>
 *
 * <p>A line with too few letters to tell its own script (a table cell's {@code 13 А}) takes the
 * page's where nearly all the page is of one script: its look-alike letters are swapped.
 */
final class ScriptsStep implements ReadingStep {
    private static final Logger log = LoggerFactory.getLogger(ScriptsStep.class);
    /** The re-reading must beat the original confidence by this much. */
    static final double MARGIN = 2;
    /** A line with at most this many letters is too short to tell its script by itself. */
    static final int FEW_LETTERS = 3;
    /** The page's script is the one of this share of its letters... */
    static final double PAGE_SHARE = 0.9;
    /** ...counted over at least this many letters. */
    static final int PAGE_LETTERS = 10;
    /** At most this many spellings of one word are looked up (a word with several ambiguous letters). */
    static final int MAX_SPELLINGS = 32;

    /** The step's name, which the words it changes carry as their origin. */
    static final String NAME = "scripts";

    @Override
    public String name() {
        return NAME;
    }

    /** How many words changed, and why. */
    private static final class Tally {
        int lone;
        int dictionary;
        int model;
        int reread;
        int readings;

        int changed() {
            return lone + dictionary + model + reread;
        }
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        Map<Script, String> languages = languagesByScript(page.languages());
        if (languages == null) {
            return Outcome.skipped(r, "the languages do not mix Latin and Cyrillic");
        }
        Script pageScript = pageScript(r.tree().lines());
        Evidence ev = new Evidence(page.readings(), r, languages, pageScript, Script.count(r.tree().text()));
        Tally tally = new Tally();
        PageTree fixed = r.tree().mapLines(line -> {
            int[] n = Script.count(line.text());
            if (pageScript != null && n[0] + n[1] > 0 && n[0] + n[1] <= FEW_LETTERS && n[pageScript == Script.LATIN ? 0 : 1] == 0) {
                Line swapped = lookAlikes(line, pageScript);
                tally.lone += changedWords(line, swapped);
                return swapped;
            }
            List<Word> words = new ArrayList<>(line.words());
            boolean[] settled = new boolean[words.size()];
            for (int i = 0; i < words.size(); i++) {
                if (!isLone(core(words.get(i).text()))) {
                    settled[i] = spellWord(words, i, ev, tally);
                }
            }
            reread(words, settled, ev, tally);
            for (int i = 0; i < words.size(); i++) {
                if (isLone(core(words.get(i).text()))) {
                    loneLetter(words, i, ev, tally);
                }
            }
            return words.equals(line.words()) ? line : line.withWords(words);
        });
        String detail = tally.changed() + " words changed: " + tally.dictionary + " by the dictionaries and the line, " + tally.model
                + " by a dictionary and the other script's model, " + tally.lone + " lone letters to their line's script, "
                + tally.reread + " re-read in their line's script (" + tally.readings + " box readings)";
        return tally.changed() == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(fixed), true, detail);
    }

    /** What a decision may consult: the dictionaries, the other models' readings of a box, the page's letters. */
    private record Evidence(Readings readings, Reading reading, Map<Script, String> languages, Script pageScript, int[] pageLetters) {
        /** The first spelling a dictionary of the script's languages holds, as written, lower-cased or capitalised; null for none. */
        String dictionaryWord(List<String> spellings, Script s) {
            for (String w : spellings) {
                if (isWord(w, s)) {
                    return w;
                }
            }
            return null;
        }

        boolean isWord(String w, Script s) {
            if (w.isEmpty() || w.codePoints().noneMatch(Character::isLetter)) {
                return false;
            }
            String lower = w.toLowerCase(java.util.Locale.ROOT);
            String capital = lower.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + lower.substring(1);
            for (String lang : languages.get(s).split("\\+")) {
                if (readings.isDictionaryWord(w, lang) || !lower.equals(w) && readings.isDictionaryWord(lower, lang)
                        || !capital.equals(w) && !capital.equals(lower) && readings.isDictionaryWord(capital, lang)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The word of the box read alone by one script's models that spells the same shapes as
         * {@code core} (the box Tesseract gives a word may take in its neighbours); null when none does.
         */
        Word sameShapes(Word w, String core, Script s, Tally tally) {
            tally.readings++;
            Line again = readings.readLine(reading.image(), w.box(), languages.get(s), "scripts");
            if (again == null) {
                return null;
            }
            String want = Script.skeleton(core);
            for (Word x : again.words()) {
                if (Script.skeleton(core(x.text())).equals(want)) {
                    return x;
                }
            }
            log.debug("scripts: '{}' read by {} alone as '{}'", w.text(), s, again.text());
            return null;
        }

        /**
         * The box read alone by the models of script {@code to} as one word with no letter of the
         * other script, more confidently (by {@value #MARGIN}) than {@code w} was read; null
         * otherwise. What the script's own model sees may be more than {@code w}'s look-alikes
         * swapped ({@code Мо} read again is {@code No}, not {@code Mo}).
         */
        Word rereadAs(Word w, Script to, Tally tally) {
            tally.readings++;
            Line again = readings.readLine(reading.image(), w.box(), languages.get(to), "scripts");
            if (again == null || again.words().size() != 1) {
                return null;
            }
            Word x = again.words().get(0);
            int[] n = Script.count(x.text());
            boolean clean = n[to == Script.LATIN ? 1 : 0] == 0 && n[0] + n[1] > 0;
            return clean && x.confidence() > w.confidence() + MARGIN ? new Word(x.text(), x.confidence(), w.box(), x.origin(), List.of()) : null;
        }

        /** The box read alone by one script's models: the text (words joined) and its confidence; null when nothing was read. */
        Word readAlone(Word w, Script s, Tally tally) {
            tally.readings++;
            Line again = readings.readLine(reading.image(), w.box(), languages.get(s), "scripts");
            if (again == null) {
                return null;
            }
            String text = String.join("", again.words().stream().map(Word::text).toList());
            return text.isBlank() ? null : new Word(text, again.confidence(), w.box(), again.words().get(0).origin(), List.of());
        }

        /** Whether any word of the page (as the step found it) holds a letter of the script. */
        boolean pageHasLetters(Script s) {
            return pageLetters[s == Script.LATIN ? 0 : 1] > 0;
        }

        /**
         * Whether the page holds, besides {@code w}, a word of script {@code s} that tells its script
         * (a letter without a look-alike) and that the script's dictionary holds: the page has
         * text in that script, not just a stray letter read wrong.
         */
        boolean pageHasWords(Script s, Word w) {
            for (Word x : reading.tree().words()) {
                if (x != w && Script.ofWord(core(x.text())) == s && Script.countStrong(x.text())[s == Script.LATIN ? 0 : 1] > 0
                        && isWord(core(x.text()), s)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Pass 1 for the word at {@code i} (see the class comment): its spelling in the script the
     * evidence gives it. Returns whether the word is settled: changed, or kept because only its
     * own script's dictionary holds it (a later re-reading may then not just swap its look-alikes).
     */
    private boolean spellWord(List<Word> words, int i, Evidence ev, Tally tally) {
        Word w = words.get(i);
        String[] parts = split(w.text());
        String core = parts[1];
        Script cur = Script.ofWord(core);
        boolean broken = cur == Script.OTHER || Script.digitBetweenLetters(core);   // mixed, or a digit for a letter
        int[] n = Script.count(core);
        if (n[0] + n[1] == 0 || !broken && !Script.allLookAlike(core, cur.other())) {
            return false;
        }
        if (!broken && !ev.pageHasLetters(cur.other()) && words.stream().noneMatch(x -> Script.digitBetweenLetters(core(x.text())))) {
            // Nothing to look up: with no letter of the other script anywhere on the page, the line
            // is not of that script and the page holds no word of it, so the word stays as read;
            // and with no digit-for-a-letter word on the line none can go over to it, so the later
            // re-reading never visits this line and whether the word is settled does not matter.
            // (A clean English page read with eng+rus then loads no per-language dictionary.)
            return false;
        }
        Script line = lineScript(words, i, ev);
        Script to = null;
        boolean byModel = false;
        Word alone = null;
        Map<Script, String> found = new EnumMap<>(Script.class);
        for (Script s : List.of(Script.LATIN, Script.CYRILLIC)) {
            String d = ev.dictionaryWord(Script.spellings(core, s, MAX_SPELLINGS), s);
            if (d != null) {
                found.put(s, d);
            }
        }
        if (broken) {
            if (found.size() == 1) {
                to = found.keySet().iterator().next();
            } else if (line != null && (found.isEmpty() ? !Script.spellings(core, line, 1).isEmpty() : found.containsKey(line))) {
                to = found.isEmpty() && cur != Script.OTHER ? null : line;   // a digit for a letter with no word to spell: left as read
            }
        } else {
            Script other = cur.other();
            if (found.containsKey(other)) {
                if (line == other) {
                    to = other;
                } else if (!found.containsKey(cur) && ev.pageHasWords(other, w)) {
                    // against the line: only on a page with words of that script, and when the other
                    // script's model alone reads the same shapes in the word's box
                    alone = ev.sameShapes(w, core, other, tally);
                    if (alone != null) {
                        to = other;
                        byModel = true;
                    }
                }
            }
        }
        if (to == null || to == cur && !broken) {
            return !broken && found.containsKey(cur) && !found.containsKey(cur.other());
        }
        if (!byModel) {
            Word again = ev.rereadAs(w, to, tally);
            if (again != null) {
                log.debug("scripts: '{}' -> '{}' (read again in {})", w.text(), again.text(), to);
                words.set(i, again);
                tally.dictionary++;
                return true;
            }
        }
        String spelled = found.get(to);
        if (spelled == null) {
            List<String> all = Script.spellings(core, to, MAX_SPELLINGS);
            if (all.isEmpty()) {
                return false;
            }
            spelled = all.get(0);
        }
        // the script's own model may spell the same shapes better (the case of a lower-case в read as a capital B)
        if (alone == null) {
            alone = ev.sameShapes(w, core, to, tally);
        }
        if (alone != null) {
            String a = core(alone.text());
            if (!a.equals(spelled) && Script.ofWord(a) == to && Script.skeleton(a).equals(Script.skeleton(core))
                    && (ev.isWord(a, to) || !found.containsKey(to))) {
                spelled = a;
            }
        }
        String text = parts[0] + spelled + parts[2];
        if (text.equals(w.text())) {
            return false;
        }
        log.debug("scripts: '{}' -> '{}' ({})", w.text(), text, byModel ? "dictionary and model" : "dictionaries and line");
        words.set(i, new Word(text, w.confidence(), w.box(), new Origin(name(), ev.languages().get(to)), List.of()));
        if (byModel) {
            tally.model++;
        } else {
            tally.dictionary++;
        }
        return true;
    }

    /** Pass 3: a lone letter (or letters beside digits) in its line's script. */
    private void loneLetter(List<Word> words, int i, Evidence ev, Tally tally) {
        Word w = words.get(i);
        if (timesSign(words, i)) {
            // 3 x 150.00, 4 x 6 m: between two numbers the letter is the times sign, not a word of
            // either script, and it is written as the Latin x whatever the line's script
            if (Script.ofWord(w.text()) == Script.CYRILLIC) {
                respell(words, i, Script.lookAlike(w.text(), Script.LATIN), Script.LATIN, ev, tally);
            }
            return;
        }
        Script cur = Script.ofWord(w.text());
        int[] n = Script.count(w.text());
        if (n[0] + n[1] == 0) {
            return;   // no Latin or Cyrillic letter
        }
        Script to = lineScript(words, i, ev);
        if (to == null || to == cur) {
            return;
        }
        // read again in the line's script: taken when surer and of the same form (as many letters,
        // the same digits and signs: a К that is an R, not a С that becomes Cc)
        Word again = ev.rereadAs(w, to, tally);
        if (again != null && form(again.text()).equals(form(w.text()))) {
            log.debug("scripts: lone '{}' -> '{}' (read again in {})", w.text(), again.text(), to);
            words.set(i, again);
            tally.lone++;
            return;
        }
        String spelled = Script.lookAlike(w.text(), to);
        if (spelled == null) {
            // no exact twin (an italic т may be an m or a T): what the line's model alone reads there, if the same shapes
            Word same = ev.sameShapes(w, core(w.text()), to, tally);
            if (same == null || Script.ofWord(same.text()) != to || !form(same.text()).equals(form(w.text()))) {
                return;
            }
            spelled = split(w.text())[0] + core(same.text()) + split(w.text())[2];
        }
        respell(words, i, spelled, to, ev, tally);
    }

    /** Word {@code i} spelled {@code spelled}, in script {@code to}: a lone letter put in its script. */
    private void respell(List<Word> words, int i, String spelled, Script to, Evidence ev, Tally tally) {
        Word w = words.get(i);
        log.debug("scripts: lone '{}' -> '{}' ({}'s script)", w.text(), spelled, to);
        words.set(i, new Word(spelled, w.confidence(), w.box(), new Origin(name(), ev.languages().get(to)), List.of()));
        tally.lone++;
    }

    /**
     * Pass 2: on a line whose letters are mostly of one script, the words that hold letters of
     * the other are read again alone with the line's script's models ({@code Кат} becomes
     * {@code Rain}). A word the passes before changed is left alone, and one they settled by its
     * dictionary only takes a reading that is more than its own look-alikes swapped; a single
     * letter waits for pass 3.
     */
    private void reread(List<Word> words, boolean[] settled, Evidence ev, Tally tally) {
        int[] n = new int[2];
        for (Word w : words) {
            int[] k = Script.count(w.text());
            n[0] += k[0];
            n[1] += k[1];
        }
        if (n[0] == 0 || n[1] == 0) {
            return;
        }
        Script dominant = n[0] >= n[1] ? Script.LATIN : Script.CYRILLIC;
        int minority = dominant == Script.LATIN ? 1 : 0;
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            int[] k = Script.count(w.text());
            if (w.origin().reading().equals(name()) || k[0] + k[1] == 1 || k[minority] == 0) {   // a single letter: pass 3
                continue;
            }
            Word again = ev.readAlone(w, dominant, tally);
            if (again != null && again.confidence() > w.confidence() + MARGIN && Script.count(again.text())[minority] == 0
                    && !(settled[i] && Script.skeleton(core(again.text())).equals(Script.skeleton(core(w.text()))))) {
                log.debug("scripts: '{}' -> '{}' (read again in its line's script)", w.text(), again.text());
                words.set(i, again);
                tally.reread++;
            }
        }
    }

    /**
     * The script of a line around word {@code i}: the one most of its other words' letters that
     * have no look-alike belong to; at a tie its nearest neighbours', then the page's; null when
     * nothing tells.
     */
    static Script lineScript(List<Word> words, int i, Evidence ev) {
        int latin = 0;
        int cyrillic = 0;
        for (int k = 0; k < words.size(); k++) {
            if (k != i) {
                int[] n = Script.countStrong(words.get(k).text());
                latin += n[0];
                cyrillic += n[1];
            }
        }
        if (latin != cyrillic) {
            return latin > cyrillic ? Script.LATIN : Script.CYRILLIC;
        }
        Script near = neighbourScript(words, i);
        return near != null ? near : ev == null ? null : ev.pageScript();
    }

    /**
     * The script of the nearest word on each side of {@code i} that has letters without a
     * look-alike: theirs when they agree (or only one side has one), else null.
     */
    static Script neighbourScript(List<Word> words, int i) {
        Script left = null;
        for (int k = i - 1; k >= 0 && left == null; k--) {
            left = distinctScript(words.get(k).text());
        }
        Script right = null;
        for (int k = i + 1; k < words.size() && right == null; k++) {
            right = distinctScript(words.get(k).text());
        }
        if (left == null || right == null || left == right) {
            return left != null ? left : right;
        }
        return null;
    }

    /** The script of a word's letters that have no look-alike, null when it has none or both. */
    private static Script distinctScript(String text) {
        int[] n = Script.countStrong(text);
        return n[0] > 0 && n[1] == 0 ? Script.LATIN : n[1] > 0 && n[0] == 0 ? Script.CYRILLIC : null;
    }

    /** Whether word {@code i} is an {@code x} (or {@code х}) alone between two numbers: a times sign ({@code 3 x 150.00}). */
    static boolean timesSign(List<Word> words, int i) {
        String t = words.get(i).text();
        if (i == 0 || i + 1 >= words.size() || t.length() != 1 || "xXхХ".indexOf(t.charAt(0)) < 0) {
            return false;
        }
        String before = core(words.get(i - 1).text());
        String after = core(words.get(i + 1).text());
        return !before.isEmpty() && Character.isDigit(before.charAt(before.length() - 1)) && !after.isEmpty() && Character.isDigit(after.charAt(0));
    }

    /**
     * A word with a single letter, or with digits beside its letters (a unit's {@code 5T}, a
     * code's {@code K-17} or {@code 7730-2291-KX}), but no digit between letters: nothing to look
     * up in a dictionary.
     */
    static boolean isLone(String core) {
        int letters = 0;
        boolean digits = false;
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else {
                digits |= Character.isDigit(c);
            }
        }
        return letters == 1 || letters > 1 && digits && !Script.digitBetweenLetters(core);
    }

    /** A word's text with every letter as {@code a}: what a reading of it in another script must keep. */
    private static String form(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isLetter(cp) ? 'a' : cp));
        return sb.toString();
    }

    /** A word's text without the signs around it ({@code «ВЕРЕСК»} -> {@code ВЕРЕСК}). */
    static String core(String text) {
        return split(text)[1];
    }

    /** {leading signs, the word, trailing signs}. */
    private static String[] split(String text) {
        int a = 0;
        while (a < text.length() && !Character.isLetterOrDigit(text.charAt(a))) {
            a++;
        }
        int b = text.length();
        while (b > a && !Character.isLetterOrDigit(text.charAt(b - 1))) {
            b--;
        }
        return new String[] {text.substring(0, a), text.substring(a, b), text.substring(b)};
    }

    /** The languages of each script, joined as Tesseract writes them; null unless they mix Latin and Cyrillic. */
    static Map<Script, String> languagesByScript(List<String> langs) {
        Map<Script, List<String>> by = new EnumMap<>(Script.class);
        for (String l : langs) {
            Script s = Script.ofLanguage(l);
            if (s != Script.OTHER) {
                by.computeIfAbsent(s, k -> new ArrayList<>()).add(l);
            }
        }
        if (!by.containsKey(Script.LATIN) || !by.containsKey(Script.CYRILLIC)) {
            return null;
        }
        Map<Script, String> joined = new EnumMap<>(Script.class);
        by.forEach((s, l) -> joined.put(s, String.join("+", l)));
        return joined;
    }

    /**
     * The script of nearly all the page's letters (at least {@value #PAGE_SHARE} of them, and
     * {@value #PAGE_LETTERS} letters or more), or null for a mixed or nearly letterless page. Only
     * letters without a look-alike in the other script count (an {@code А} could be either), and
     * only in words that hold a letter no face shares with the other script ({@link
     * Script#countStrong}: {@code д}, {@code g}): a word made only of letters some face shares is
     * what a misreading in the wrong script is made of (a Latin {@code span} and {@code m} read as
     * {@code зрап} and {@code м}), so it does not make a Latin page look mixed.
     */
    static Script pageScript(List<Line> lines) {
        int latin = 0;
        int cyrillic = 0;
        for (Line l : lines) {
            for (Word w : l.words()) {
                int[] strong = Script.countStrong(w.text());
                if (strong[0] + strong[1] > 0) {
                    int[] n = Script.countDistinct(w.text());
                    latin += n[0];
                    cyrillic += n[1];
                }
            }
        }
        int all = latin + cyrillic;
        if (all < PAGE_LETTERS) {
            return null;
        }
        return latin >= PAGE_SHARE * all ? Script.LATIN : cyrillic >= PAGE_SHARE * all ? Script.CYRILLIC : null;
    }

    /**
     * A line with too few letters to have a script of its own ({@code 13 А}, a table cell's code)
     * takes the page's: its look-alike letters are swapped for the page script's. The same line
     * when a letter has no look-alike.
     */
    static Line lookAlikes(Line line, Script page) {
        List<Word> words = new ArrayList<>(line.words().size());
        boolean changed = false;
        for (int k = 0; k < line.words().size(); k++) {
            Word w = line.words().get(k);
            // a times sign between numbers (2 x 3) is the Latin x on any page
            String swapped = Script.lookAlike(w.text(), timesSign(line.words(), k) ? Script.LATIN : page);
            if (swapped == null) {
                return line;
            }
            changed |= !swapped.equals(w.text());
            words.add(w.withText(swapped));
        }
        return changed ? line.withWords(words) : line;
    }

    private static int changedWords(Line before, Line after) {
        if (before == after) {
            return 0;
        }
        int n = 0;
        for (int k = 0; k < before.words().size(); k++) {
            n += before.words().get(k) != after.words().get(k) ? 1 : 0;
        }
        return n;
    }
}
