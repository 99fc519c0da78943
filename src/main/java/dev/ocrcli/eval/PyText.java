package dev.ocrcli.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The few string rules the reference scoring tools rely on, defined the way Python 3 defines them,
 * so that Java and the tools tokenise text identically: what counts as white space
 * ({@code str.isspace}, also regex {@code \s}), what ends a line ({@code str.splitlines}), and
 * {@code str.split()} / {@code str.strip()} without arguments. All work on code points.
 */
public final class PyText {
    private PyText() {}

    /** True for the code points Python's {@code str.isspace()} accepts (Unicode White_Space-like set). */
    public static boolean isSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** True for the code points at which Python's {@code str.splitlines()} breaks ({@code \r\n} counts once). */
    public static boolean isLineBreak(int cp) {
        return (cp >= 0x0A && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1E) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    /** {@code s.split()}: the maximal runs of non-space code points. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** {@code s.strip()}: white space removed at both ends. */
    public static String strip(String s) {
        int begin = 0;
        int end = s.length();
        while (begin < end && isSpace(s.codePointAt(begin))) {
            begin += Character.charCount(s.codePointAt(begin));
        }
        while (end > begin && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(begin, end);
    }

    /** {@code s.splitlines()}: the lines without their terminators; no final empty line. */
    public static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (isLineBreak(cp)) {
                out.add(s.substring(start, i));
                i += (cp == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i += Character.charCount(cp);
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** The code points of a string. */
    public static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }
}
