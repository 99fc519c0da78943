package dev.ocrcli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.testing.Python;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Our scoring agrees with the reference tools ../shared/tools/cer.py and wordacc.py on the same
 * files, tricky ones included. Runs the tools' own functions on files as their main() reads them.
 * Skipped (never passed) when python3 or the tools are missing.
 */
class ReferenceAgreementTest {
    @TempDir
    Path tmp;

    static final String[][] TEXT_CASES = {
        {"Hello world", "Hello world"},
        {"Hello world again", "Hallo world again"},
        {"a\u2013b \u2014 c \u2212 d \u2010 e \u2011 f \u2012 g", "a-b - c - d - e - f - g"},
        {"\u201cquoted\u201d \u201elow\u201c \u2018single\u2019", "\"quoted\" \"low\" 'single'"},
        {"\u00ab\u00bb \u2039x\u203a \u201b\u201f", "<<>> <x> ''"},
        {Normalizer.normalize("Café ёлка Ångström", Normalizer.Form.NFD), "Café ёлка Angstrom"},
        {"line one\n\n\n   \n\tline   two  \r\nthree\r\rfour\n", "line one\nline two three four"},
        {"abc def", ""},
        {"", "abc"},
        {"", ""},
        {"\n \n\t", "   "},
        {"nbsp\u00a0here\u2003em\u3000ideo\u202fnarrow\u205fmath\u1680ogham", "nbsp here em ideo narrow math ogham"},
        {"ctl\u001funit\u001csep\u001dgrp\u001erec\u0085nel\u2028ls\u2029ps\u000bvt\fff", "ctl unit\nsep grp rec nel ls ps vt ff"},
        {"zero\u200bwidth", "zerowidth"},
        {"emoji \uD83D\uDE00 face \uD835\uDC00", "emoji \uD83D\uDE03 face A"},
        {"Итого к оплате: 1284 рубля", "Итог к оплате 1284 рубля рубля"},
        {"short", "a much longer hypothesis than the truth"},
        {"tabs\tand  spaces", "tabs and spaces"},
        {"\uFEFFbom first", "bom first"},
        {"page one\fpage two", "page one\n\fpage two\n"},
    };

    static final String[][] HOCR_CASES = {
        {"<span class='ocrx_word' id='w1' title='bbox 1 2 3 4; x_wconf 95'>AT&amp;T</span>"
            + "<span class=\"ocrx_word\"><strong>&quot;Bold&quot;</strong></span>"
            + "<span class='ocrx_word'>it&apos;s</span><span class='ocrx_word'>&lt;tag&gt;</span>",
            "AT&T \"Bold\" it's <tag> extra"},
        {"<span class='ocrx_word'>\n  multi\n line </span><span class='ocrx_word'> </span>"
            + "<span class='ocrx_word'><span class='ocrx_cinfo'>in</span>ner</span>"
            + "<span class='ocrx_word' >&#x41;&#66;&mdash;&ampx&notit;&#150;&#1;&bogus;&NotNestedLessLess;</span>",
            "multi line in inner AB\u2014&x\u00acit;\u2013&bogus;"},
        {"<span class='ocrx_word'>&nbsp;padded&#160;</span><span class='ocrx_word'>&#0;&#x80;&#xD800;&#1114112;&#13;x</span>"
            + "<span class='ocrx_word'>the</span><span class='ocrx_word'>the</span><span class='ocrx_word'>the</span>"
            + "<span class='ocrx_word'>Case</span><span class=\"ocrx_word\"\ntitle='multi-line tag'>tag</span>"
            + "<span class='ocrx_line'>notaword</span><span class='ocrx_word extra'>skipped</span>",
            "padded the the case tag notaword"},
        {"<span class='ocrx_word'>only</span>", ""},
        {"<html><body>no words</body></html>", "some output"},
        {"<span class='ocrx_word'>Ünïcödé</span><span class='ocrx_word'>" + Normalizer.normalize("Ünïcödé", Normalizer.Form.NFD) + "</span>",
            "Ünïcödé\u00a0x\u2003y"},
    };

    @Test
    void cerAndWerAgreeWithCerPy() throws Exception {
        Path tools = Shared.require("tools/cer.py").getParent();
        Python.require();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < TEXT_CASES.length; i++) {
            Path g = tmp.resolve("t" + i + ".gt.txt");
            Path h = tmp.resolve("t" + i + ".txt");
            Files.writeString(g, TEXT_CASES[i][0], StandardCharsets.UTF_8);
            Files.writeString(h, TEXT_CASES[i][1], StandardCharsets.UTF_8);
            pairs.add(g + "\n" + h);
        }
        Path list = tmp.resolve("pairs.txt");
        Files.writeString(list, String.join("\n", pairs), StandardCharsets.UTF_8);
        String script = "import sys, json; sys.path.insert(0, sys.argv[1]); import cer\n"
                + "ps = open(sys.argv[2], encoding='utf-8').read().split('\\n')\n"
                + "for i in range(0, len(ps), 2):\n"
                + "    print(json.dumps(cer.rates(open(ps[i], encoding='utf-8').read(), open(ps[i+1], encoding='utf-8').read())))\n";
        String[] lines = Python.run(tmp, "-c", script, tools.toString(), list.toString()).strip().split("\n");
        assertEquals(TEXT_CASES.length, lines.length);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < TEXT_CASES.length; i++) {
            JsonNode py = json.readTree(lines[i]);
            Cer.Score j = Cer.score(Files.readString(tmp.resolve("t" + i + ".gt.txt")), Files.readString(tmp.resolve("t" + i + ".txt")));
            String what = "case " + i + ": " + TEXT_CASES[i][0].replace("\n", "\\n") + " | " + TEXT_CASES[i][1].replace("\n", "\\n");
            assertEquals(py.get(0).asDouble(), j.cer(), 5e-4, "CER " + what);
            assertEquals(py.get(1).asDouble(), j.wer(), 5e-4, "WER " + what);
            // in fact the same to the last bit: same counts, same division
            assertEquals(py.get(0).asDouble(), j.cer(), 1e-12, "CER " + what);
            assertEquals(py.get(1).asDouble(), j.wer(), 1e-12, "WER " + what);
        }
        // and the tool's own --dir mode over the same files
        String dirOut = Python.run(tmp, tools.resolve("cer.py").toString(), "--dir", tmp.toString(), "--hyp-ext", "txt");
        double[] sums = new double[2];
        for (int i = 0; i < TEXT_CASES.length; i++) {
            Cer.Score j = Cer.score(TEXT_CASES[i][0], TEXT_CASES[i][1]);
            sums[0] += j.cer();
            sums[1] += j.wer();
        }
        String mean = dirOut.lines().filter(l -> l.startsWith("MEAN")).findFirst().orElseThrow();
        assertEquals(String.format(java.util.Locale.ROOT, "MEAN cer=%.4f wer=%.4f n=%d",
                sums[0] / TEXT_CASES.length, sums[1] / TEXT_CASES.length, TEXT_CASES.length), mean);
    }

    @Test
    void wordAccuracyAgreesWithWordaccPy() throws Exception {
        Path tools = Shared.require("tools/wordacc.py").getParent();
        Python.require();
        Path gt = Files.createDirectories(tmp.resolve("gt"));
        Path hyp = Files.createDirectories(tmp.resolve("hyp"));
        for (int i = 0; i < HOCR_CASES.length; i++) {
            String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html><body><div class='ocr_page'>\n"
                    + HOCR_CASES[i][0] + "\n</div></body></html>\n";
            // alternate both ground-truth names
            Files.writeString(gt.resolve("p" + i + (i % 2 == 0 ? ".truth.hocr" : ".hocr")), doc, StandardCharsets.UTF_8);
            if (!HOCR_CASES[i][1].isEmpty()) {
                Files.writeString(hyp.resolve("p" + i + ".txt"), HOCR_CASES[i][1], StandardCharsets.UTF_8);
            }
        }
        String script = "import sys, os, json; sys.path.insert(0, sys.argv[1]); import wordacc\n"
                + "for n in sorted(os.listdir(sys.argv[2])):\n"
                + "    name = n.split('.')[0]\n"
                + "    hp = os.path.join(sys.argv[3], name + '.txt')\n"
                + "    g = wordacc.words(os.path.join(sys.argv[2], n))\n"
                + "    h = wordacc.words(hp) if os.path.exists(hp) else []\n"
                + "    print(json.dumps([name, g, list(wordacc.score(g, h))]))\n";
        String[] lines = Python.run(tmp, "-c", script, tools.toString(), gt.toString(), hyp.toString()).strip().split("\n");
        assertEquals(HOCR_CASES.length, lines.length);
        ObjectMapper json = new ObjectMapper();
        double accSum = 0;
        double precSum = 0;
        for (String line : lines) {
            JsonNode py = json.readTree(line);
            String name = py.get(0).asText();
            int i = Integer.parseInt(name.substring(1));
            Path gp = gt.resolve(name + (i % 2 == 0 ? ".truth.hocr" : ".hocr"));
            List<String> ours = HocrWords.read(gp);
            List<String> theirs = new ArrayList<>();
            py.get(1).forEach(w -> theirs.add(w.asText()));
            assertEquals(theirs, ours, "words of " + HOCR_CASES[i][0]);
            WordAccuracy.Score s = WordAccuracy.score(ours, HOCR_CASES[i][1]);
            JsonNode c = py.get(2);
            assertEquals(c.get(0).asInt(), s.correct(), "correct, case " + i);
            assertEquals(c.get(1).asInt(), s.gtWords(), "gt words, case " + i);
            assertEquals(c.get(2).asInt(), s.outWords(), "output words, case " + i);
            accSum += s.accuracy();
            precSum += s.precision();
        }
        assertFalse(HocrWords.read(gt.resolve("p0.truth.hocr")).isEmpty());
        // the tool's own command line over the folders: same means to 4 decimals
        String out = Python.run(tmp, tools.resolve("wordacc.py").toString(), gt.toString(), hyp.toString(), "txt");
        String mean = out.lines().filter(l -> l.startsWith("MEAN")).findFirst().orElseThrow();
        assertEquals(String.format(java.util.Locale.ROOT, "MEAN accuracy=%.4f precision=%.4f n=%d",
                accSum / HOCR_CASES.length, precSum / HOCR_CASES.length, HOCR_CASES.length), mean);
    }
}
