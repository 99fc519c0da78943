package dev.ocrcli.pipeline;

import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code scripts} step: fixes words read in the wrong script on Latin + Cyrillic pages. With
 * {@code eng+rus}, Tesseract picks a model per word and sometimes picks wrong: {@code Rain (mm)}
 * comes back as Cyrillic {@code Кат (тт)}, {@code 21.4 C} with a Cyrillic {@code С}. On a line
 * whose letters are mostly of one script, every word holding letters of the other script is read
 * again on its own with only the line's script's models, and the new reading replaces the old when
 * the engine is more confident of it. Genuinely foreign words keep their reading because the
 * wrong-script model reads them with less confidence.
 *
 * <p>A line with too few letters to tell its own script (a table cell's {@code 13 А}) takes the
 * page's where nearly all the page is of one script: its look-alike letters are swapped.
 */
final class ScriptsStep implements ReadingStep {
    /** The re-reading must beat the original confidence by this much. */
    static final double MARGIN = 2;
    /** A line with at most this many letters is too short to tell its script by itself. */
    static final int FEW_LETTERS = 3;
    /** The page's script is the one of this share of its letters... */
    static final double PAGE_SHARE = 0.9;
    /** ...counted over at least this many letters. */
    static final int PAGE_LETTERS = 10;

    @Override
    public String name() {
        return "scripts";
    }

    @Override
    public Outcome apply(Reading r, PageContext page) {
        Map<Script, String> languages = languagesByScript(page.languages());
        if (languages == null) {
            return Outcome.skipped(r, "the languages do not mix Latin and Cyrillic");
        }
        Script pageScript = pageScript(r.tree().lines());
        int[] replaced = new int[1];
        PageTree fixed = r.tree().mapLines(line -> {
            int[] n = Script.count(line.text());
            if (pageScript != null && n[0] + n[1] > 0 && n[0] + n[1] <= FEW_LETTERS && n[pageScript == Script.LATIN ? 0 : 1] == 0) {
                Line swapped = lookAlikes(line, pageScript);
                replaced[0] += changedWords(line, swapped);
                return swapped;
            }
            if (n[0] == 0 || n[1] == 0) {
                return line;
            }
            Script dominant = n[0] >= n[1] ? Script.LATIN : Script.CYRILLIC;
            int minority = dominant == Script.LATIN ? 1 : 0;
            List<Word> words = new ArrayList<>(line.words().size());
            boolean changed = false;
            for (Word w : line.words()) {
                Word now = w;
                if (Script.count(w.text())[minority] > 0) {
                    Line again = page.readings().readLine(r.image(), w.box(), languages.get(dominant), name());
                    if (again != null) {
                        String text = String.join("", again.words().stream().map(Word::text).toList());
                        if (!text.isBlank() && again.confidence() > w.confidence() + MARGIN && Script.count(text)[minority] == 0) {
                            now = new Word(text, again.confidence(), w.box(), again.words().get(0).origin(), List.of());
                            replaced[0]++;
                            changed = true;
                        }
                    }
                }
                words.add(now);
            }
            return changed ? line.withWords(words) : line;
        });
        String detail = replaced[0] + " words re-read in their line's script";
        return replaced[0] == 0 ? Outcome.skipped(r, detail) : new Outcome(r.withTree(fixed), true, detail);
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
    static Line lookAlikes(Line line, Script page) {
        List<Word> words = new ArrayList<>(line.words().size());
        boolean changed = false;
        for (Word w : line.words()) {
            String swapped = Script.lookAlike(w.text(), page);
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
