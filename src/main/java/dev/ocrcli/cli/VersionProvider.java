package dev.ocrcli.cli;

import dev.ocrcli.engine.NativeLibraries;
import dev.ocrcli.OcrException;
import net.sourceforge.tess4j.TessAPI;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: ocr-cli's version and the native Tesseract it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/ocrcli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        String tesseract;
        try {
            NativeLibraries.load();
            tesseract = TessAPI.INSTANCE.TessVersion();
        } catch (OcrException | UnsatisfiedLinkError e) {
            tesseract = "unavailable: " + e.getMessage();
        }
        return new String[] {
            "ocr-cli " + p.getProperty("version", "?"),
            "Tesseract " + tesseract + " (org.bytedeco " + p.getProperty("tesseract", "?") + "), Leptonica "
                    + p.getProperty("leptonica", "?") + ", Tess4J " + p.getProperty("tess4j", "?"),
            "Java " + System.getProperty("java.version") + " on " + NativeLibraries.platform()
        };
    }
}
