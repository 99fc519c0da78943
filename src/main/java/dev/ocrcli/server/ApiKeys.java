package dev.ocrcli.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer keys a server accepts. Keys are kept only as SHA-256 digests and compared with
 * {@link MessageDigest#isEqual}, against every key, so the time taken says nothing about how
 * much of a key was right or which key matched.
 */
public final class ApiKeys {
    private static final ApiKeys NONE = new ApiKeys(List.of());
    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /** No keys: authentication is off. */
    public static ApiKeys none() {
        return NONE;
    }

    /** The given keys. */
    public static ApiKeys of(List<String> keys) {
        List<byte[]> d = new ArrayList<>();
        for (String k : keys) {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException("an API key must not be empty");
            }
            d.add(sha256(k.strip()));
        }
        return new ApiKeys(d);
    }

    /**
     * Reads keys from a file, one per line; blank lines and lines starting with {@code #} are
     * skipped. A file without any key is an error, so a typo cannot switch authentication off.
     */
    public static ApiKeys readFile(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                keys.add(s);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException(file + ": no API key in the file (one key per line)");
        }
        return of(keys);
    }

    /** True when keys are configured. */
    public boolean enabled() {
        return !digests.isEmpty();
    }

    /** Number of keys. */
    public int size() {
        return digests.size();
    }

    /** Checks an {@code Authorization} header value of the form {@code Bearer KEY}. */
    public boolean acceptsAuthorization(String header) {
        if (header == null) {
            return false;
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return accepts(h.substring(7).strip());
    }

    /** Checks a key, in time that does not depend on which key matched or where it differed. */
    public boolean accepts(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        byte[] d = sha256(key);
        boolean ok = false;
        for (byte[] k : digests) {
            ok |= MessageDigest.isEqual(d, k);
        }
        return ok;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
