package dev.ocrcli.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of an hOCR document, read as {@code tools/wordacc.py} reads them: the content of each
 * {@code <span ... class="ocrx_word" ...>} up to the first {@code </span>}, tags removed, character
 * references replaced, white space trimmed; empty words dropped. A regular-expression reading, not an
 * XML parse, so that both give the same words even for sloppy files.
 */
public final class HocrWords {
    private static final Pattern WORD = Pattern.compile("<span[^>]*class=['\"]ocrx_word['\"][^>]*>(.*?)</span>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private HocrWords() {}

    /** The words of an hOCR text, in document order. */
    public static List<String> extract(String hocr) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(hocr);
        while (m.find()) {
            String w = PyText.strip(HtmlEntities.unescape(TAG.matcher(m.group(1)).replaceAll("")));
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The words of an hOCR file (UTF-8). */
    public static List<String> read(Path file) throws IOException {
        return extract(Files.readString(file, StandardCharsets.UTF_8));
    }
}
