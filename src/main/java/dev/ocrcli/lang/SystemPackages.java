package dev.ocrcli.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Which system package owns a file, asked of the package manager (Debian's {@code dpkg-query}). */
final class SystemPackages {
    private SystemPackages() {}

    /**
     * The package that installed {@code file}, e.g. {@code tesseract-ocr-eng}; null when there is
     * no dpkg, no package owns it, or the answer takes more than a few seconds.
     */
    static String owner(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath();
        }
        try {
            Process p = new ProcessBuilder("dpkg-query", "-S", real.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (p.exitValue() != 0) {
                return null;
            }
            // "tesseract-ocr-eng: /usr/share/tesseract-ocr/5/tessdata/eng.traineddata"
            String line = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            int colon = line.indexOf(": ");
            return colon > 0 ? line.substring(0, colon).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
