package dev.ocrcli.output;

/** Escaping for the XML formats (hOCR, ALTO). */
final class Xml {
    private Xml() {}

    /** {@code s} escaped for element content and double-quoted attributes; characters XML 1.0 forbids are dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (legal) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
