package dev.ocrcli.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces HTML character references the way the HTML standard (and Python's {@code html.unescape},
 * which the reference tool uses) does: numeric references, with the standard's replacements for
 * invalid numbers, and every named reference of the standard, the legacy ones also without ';'.
 */
public final class HtmlEntities {
    private static final Pattern REF = Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    private static final Map<String, String> NAMED = load();
    /** Numbers that the standard maps to other characters (0x80..0x9F as Windows-1252). */
    private static final Map<Integer, String> REPLACED = new HashMap<>();
    private static final BigInteger MAX = BigInteger.valueOf(0x10FFFF);

    static {
        REPLACED.put(0x00, "\uFFFD");
        REPLACED.put(0x0D, "\r");
        String cp1252 = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
                + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
        for (int i = 0; i < 32; i++) {
            REPLACED.put(0x80 + i, String.valueOf(cp1252.charAt(i)));
        }
    }

    private HtmlEntities() {}

    /** The text with every character reference replaced. */
    public static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = REF.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replace(String ref) {
        if (ref.charAt(0) == '#') {
            String digits = ref.endsWith(";") ? ref.substring(0, ref.length() - 1) : ref;
            BigInteger num = (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')
                    ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits.substring(1));
            if (num.compareTo(MAX) > 0) {
                return "\uFFFD";
            }
            int n = num.intValue();
            String r = REPLACED.get(n);
            if (r != null) {
                return r;
            }
            if (n >= 0xD800 && n <= 0xDFFF) {
                return "\uFFFD";
            }
            if (isInvalidCodePoint(n)) {
                return "";
            }
            return new String(Character.toChars(n));
        }
        String v = NAMED.get(ref);
        if (v != null) {
            return v;
        }
        // the longest prefix (two characters at least) that is a reference valid without ';'
        int[] cps = ref.codePoints().toArray();
        for (int x = cps.length - 1; x > 1; x--) {
            String prefix = new String(cps, 0, x);
            v = NAMED.get(prefix);
            if (v != null) {
                return v + new String(cps, x, cps.length - x);
            }
        }
        return "&" + ref;
    }

    /** Control characters and non-characters, which a numeric reference turns into nothing. */
    private static boolean isInvalidCodePoint(int n) {
        return (n >= 0x1 && n <= 0x8) || n == 0xB || (n >= 0xE && n <= 0x1F) || (n >= 0x7F && n <= 0x9F)
                || (n >= 0xFDD0 && n <= 0xFDEF) || (n & 0xFFFE) == 0xFFFE;
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>(4096);
        try (InputStream in = HtmlEntities.class.getResourceAsStream("html5-entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("html5-entities.txt missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder v = new StringBuilder();
                for (String hex : line.substring(tab + 1).split(" ")) {
                    v.appendCodePoint(Integer.parseInt(hex, 16));
                }
                m.put(line.substring(0, tab), v.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }

    /** The names known (for tests). */
    static Set<String> names() {
        return NAMED.keySet();
    }
}
