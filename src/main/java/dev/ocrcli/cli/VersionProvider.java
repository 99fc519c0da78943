package dev.ocrcli.cli;

import dev.ocrcli.engine.NativeLibraries;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: ocr-cli's version and the versions of the Tesseract, Leptonica and Tess4J it bundles. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/ocrcli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "ocr-cli " + p.getProperty("version", "?"),
            "Tesseract " + bundled(p.getProperty("tesseract", "?")) + " (org.bytedeco " + p.getProperty("tesseract", "?") + "), Leptonica "
                    + p.getProperty("leptonica", "?") + ", Tess4J " + p.getProperty("tess4j", "?"),
            "Java " + System.getProperty("java.version") + " on " + NativeLibraries.platform()
        };
    }

    /**
     * Tesseract's version as the bundled org.bytedeco build names it ({@code 5.5.3-1.5.14} is
     * Tesseract 5.5.3), read from the jar's properties: printing it loads no native library,
     * so {@code --version} costs a JVM start and nothing more.
     */
    static String bundled(String bytedecoVersion) {
        int dash = bytedecoVersion.indexOf('-');
        return dash > 0 ? bytedecoVersion.substring(0, dash) : bytedecoVersion;
    }
}
