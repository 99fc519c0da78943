package dev.ocrcli.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic mutants of a seed file (a fixed random seed): bit flips, truncation, header
 * edits, a duplicated chunk, and huge declared sizes (the seed's width and height, found as
 * 16- and 32-bit numbers in either byte order, or as PDF numbers, replaced by huge ones).
 */
public final class Mutations {
    private Mutations() {}

    public static Map<String, byte[]> of(String name, byte[] seed, long randomSeed) {
        Random rnd = new Random(randomSeed ^ name.hashCode());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            byte[] b = seed.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int pos = rnd.nextInt(b.length);
                b[pos] ^= (byte) (1 << rnd.nextInt(8));
            }
            out.put("flip" + i, b);
        }
        for (double f : new double[] {0.02, 0.1, 0.5, 0.9}) {
            out.put("cut" + (int) (f * 100), Arrays.copyOf(seed, Math.max(1, (int) (seed.length * f))));
        }
        out.put("cut-last", Arrays.copyOf(seed, seed.length - 1));
        for (int i = 0; i < 4; i++) {
            byte[] b = seed.clone();
            int span = Math.min(64, b.length);
            for (int k = 0; k < 3; k++) {
                b[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
            }
            out.put("header" + i, b);
        }
        for (int i = 0; i < 2; i++) {
            int a = rnd.nextInt(seed.length);
            int len = 1 + rnd.nextInt(Math.max(1, Math.min(512, seed.length - a)));
            byte[] b = new byte[seed.length + len];
            System.arraycopy(seed, 0, b, 0, a + len);
            System.arraycopy(seed, a, b, a + len, seed.length - a);
            out.put("dup" + i, b);
        }
        int n = 0;
        for (int value : new int[] {Seeds.WIDTH, Seeds.HEIGHT}) {
            for (int huge : new int[] {65535, 0x7fffffff}) {
                byte[] b = replaceNumber(seed, value, huge);
                if (b != null) {
                    out.put("huge" + n++, b);
                }
            }
        }
        if (name.endsWith(".pdf")) {
            out.put("pdf-count", replaceText(seed, "/Count 2", "/Count 99999999"));
            out.put("pdf-width", replaceText(seed, "/Width " + Seeds.WIDTH, "/Width 2000000000"));
            out.put("pdf-height", replaceText(seed, "/Height " + Seeds.HEIGHT, "/Height 0"));
            out.put("pdf-filter", replaceText(seed, "/FlateDecode", "/DCTDecode"));
        }
        out.values().removeIf(b -> b == null);
        return out;
    }

    /** The first 16- or 32-bit occurrence of {@code value} (either byte order) replaced by {@code huge}; null when absent. */
    static byte[] replaceNumber(byte[] seed, int value, int huge) {
        for (boolean big : new boolean[] {true, false}) {
            for (int width : new int[] {4, 2}) {
                byte[] pattern = number(value, width, big);
                int at = indexOf(seed, pattern, 0);
                if (at >= 0) {
                    byte[] b = seed.clone();
                    byte[] repl = number(width == 2 ? Math.min(huge, 65535) : huge, width, big);
                    System.arraycopy(repl, 0, b, at, width);
                    return b;
                }
            }
        }
        return null;
    }

    private static byte[] number(int v, int width, boolean big) {
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) {
            int shift = 8 * (big ? width - 1 - i : i);
            b[i] = (byte) (v >>> shift);
        }
        return b;
    }

    static byte[] replaceText(byte[] seed, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(seed, f, 0);
        if (at < 0) {
            return null;
        }
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[seed.length - f.length + t.length];
        System.arraycopy(seed, 0, b, 0, at);
        System.arraycopy(t, 0, b, at, t.length);
        System.arraycopy(seed, at + f.length, b, at + t.length, seed.length - at - f.length);
        return b;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
