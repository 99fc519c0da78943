package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fixes words read in the wrong script on Latin + Cyrillic pages. A line with too few letters to
 * tell its own script (a table cell's {@code 13 А}) takes the page's where nearly all the page is
 * of one script: its look-alike letters are swapped. With {@code eng+rus},
 * Tesseract picks a model per word and sometimes picks wrong: {@code Rain (mm)} comes back as
 * Cyrillic {@code Кат (тт)}, {@code 21.4 C} with a Cyrillic {@code С}. On a line whose letters are
 * mostly of one script, every word holding letters of the other script is read again on its own
 * with only the line's script's models, and the new reading replaces the old when the engine is
 * more confident of it. Genuinely foreign words keep their reading because the wrong-script
 * model reads them with less confidence.
 */
final class ScriptResolver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptResolver.class);
    /** The re-reading must beat the original confidence by this much. */
    static final double MARGIN = 2;
    /** A line with at most this many letters is too short to tell its script by itself. */
    static final int FEW_LETTERS = 3;
    /** The page's script is the one of this share of its letters... */
    static final double PAGE_SHARE = 0.9;
    /** ...counted over at least this many letters. */
    static final int PAGE_LETTERS = 10;

    private final Map<Script, String> languages = new EnumMap<>(Script.class);
    private final SecondReader reader;

    private ScriptResolver(String dataPath, Map<Script, String> languages, boolean quiet) {
        this.languages.putAll(languages);
        this.reader = new SecondReader(dataPath, quiet);
    }

    /** A resolver for these languages, or null when they do not mix Latin and Cyrillic. */
    static ScriptResolver forLanguages(List<String> langs, String dataPath, boolean quiet) {
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
        return new ScriptResolver(dataPath, joined, quiet);
    }

    /** The corrected reading: lines with replaced words, and the page text with the same replacements. */
    record Result(String text, List<Line> lines, int replaced) {}

    Result resolve(GrayImage image, String text, List<Line> lines) {
        List<Line> out = new ArrayList<>(lines.size());
        List<String[]> replacements = new ArrayList<>();
        Script page = pageScript(lines);
        for (Line line : lines) {
            int[] n = Script.count(line.text());
            if (page != null && n[0] + n[1] > 0 && n[0] + n[1] <= FEW_LETTERS && n[page == Script.LATIN ? 0 : 1] == 0) {
                Line swapped = lookAlikes(line, page, replacements);
                out.add(swapped);
                continue;
            }
            if (n[0] == 0 || n[1] == 0) {
                out.add(line);
                continue;
            }
            Script dominant = n[0] >= n[1] ? Script.LATIN : Script.CYRILLIC;
            int minority = dominant == Script.LATIN ? 1 : 0;
            List<Word> words = new ArrayList<>(line.words().size());
            boolean changed = false;
            for (Word w : line.words()) {
                Word fixed = w;
                if (Script.count(w.text())[minority] > 0) {
                    Word again = reread(image, w.box(), dominant);
                    if (again != null && !again.text().isBlank() && again.confidence() > w.confidence() + MARGIN
                            && Script.count(again.text())[minority] == 0) {
                        log.debug("script fix: '{}' ({}) -> '{}' ({})", w.text(), w.confidence(), again.text(), again.confidence());
                        fixed = new Word(again.text(), again.confidence(), w.box());
                        replacements.add(new String[] {w.text(), again.text()});
                        changed = true;
                    }
                }
                words.add(fixed);
            }
            out.add(changed ? TesseractHandle.line(words, line.box()) : line);
        }
        return new Result(replaceInOrder(text, replacements), out, replacements.size());
    }

    /**
     * The script of nearly all the page's letters (at least {@value #PAGE_SHARE} of them, and
     * {@value #PAGE_LETTERS} letters or more), or null for a mixed or nearly letterless page. Only
     * letters without a look-alike in the other script count: an {@code А} could be either.
     */
    static Script pageScript(List<Line> lines) {
        int latin = 0;
        int cyrillic = 0;
        for (Line l : lines) {
            int[] n = Script.countDistinct(l.text());
            latin += n[0];
            cyrillic += n[1];
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
    private static Line lookAlikes(Line line, Script page, List<String[]> replacements) {
        List<Word> words = new ArrayList<>(line.words().size());
        boolean changed = false;
        for (Word w : line.words()) {
            String swapped = Script.lookAlike(w.text(), page);
            if (swapped == null) {
                return line;
            }
            changed |= !swapped.equals(w.text());
            words.add(swapped.equals(w.text()) ? w : new Word(swapped, w.confidence(), w.box()));
        }
        if (!changed) {
            return line;
        }
        for (int k = 0; k < words.size(); k++) {
            if (words.get(k) != line.words().get(k)) {
                replacements.add(new String[] {line.words().get(k).text(), words.get(k).text()});
            }
        }
        return TesseractHandle.line(words, line.box());
    }

    /** Applies word replacements to the page text, each at the next occurrence after the previous one. */
    static String replaceInOrder(String text, List<String[]> replacements) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (String[] r : replacements) {
            int at = text.indexOf(r[0], pos);
            if (at < 0) {
                continue;
            }
            sb.append(text, pos, at).append(r[1]);
            pos = at + r[0].length();
        }
        sb.append(text.substring(pos));
        return sb.toString();
    }

    private Word reread(GrayImage image, Box box, Script script) {
        Line l = reader.read(image, box, languages.get(script));
        return l == null ? null : new Word(String.join("", l.words().stream().map(Word::text).toList()), l.confidence(), box);
    }

    @Override
    public void close() {
        reader.close();
    }
}
