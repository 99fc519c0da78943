package dev.ocrcli.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Models that carry Tesseract's legacy engine, as the npm registry serves them: the packages
 * {@code @tesseract.js-data/NAME} hold the {@code tessdata} repository's models (legacy engine and
 * integer LSTM) gzipped, as {@code 4.0.0/NAME.traineddata.gz} inside the package tarball.
 */
final class NpmModels {
    /** The public npm registry. */
    static final String REGISTRY = "https://registry.npmjs.org/";
    /** The scope of the packages that hold Tesseract models. */
    static final String SCOPE = "@tesseract.js-data/";
    /** The folder of the package holding the models with the legacy engine. */
    static final String FOLDER = "package/4.0.0/";

    private NpmModels() {
    }

    /**
     * Fetches one model into {@code staged}.
     *
     * @param source the registry (then the package's latest tarball is looked up) or the URL of a tarball ({@code .tgz})
     * @param tgz    where the tarball is downloaded to
     */
    static void fetch(String source, String name, Path tgz, Path staged) throws IOException {
        URI tarball = source.endsWith(".tgz") ? URI.create(source) : latestTarball(source, name);
        LanguageInstaller.downloadTo(tarball, name, tgz);
        String want = FOLDER + name + ".traineddata";
        try (InputStream raw = Files.newInputStream(tgz); TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().equals(want + ".gz")) {
                    LanguageInstaller.copyLimitedTo(new GZIPInputStream(tar), staged);
                    return;
                }
                if (e.getName().equals(want)) {
                    LanguageInstaller.copyLimitedTo(tar, staged);
                    return;
                }
            }
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            throw new OcrException(Kind.INSTALL_FAILED, name + ": " + tarball + " is not an npm package tarball (" + e.getMessage() + ")");
        }
        throw new OcrException(Kind.INSTALL_FAILED, name + ": " + tarball + " holds no " + want + "(.gz)");
    }

    /** The tarball of the package's latest version, from the registry's metadata. */
    private static URI latestTarball(String registry, String name) throws IOException {
        URI meta = URI.create((registry.endsWith("/") ? registry : registry + "/") + SCOPE + name + "/latest");
        Path tmp = Files.createTempFile("ocr-cli-npm-", ".json");
        try {
            try {
                LanguageInstaller.downloadTo(meta, name, tmp);
            } catch (OcrException e) {
                if (e.getMessage() != null && e.getMessage().contains("HTTP 404")) {
                    throw new OcrException(Kind.INSTALL_FAILED, name + ": the registry has no package " + SCOPE + name
                            + " (no legacy-engine model of that language is published there); use --from DIR with a NAME.traineddata "
                            + "from Tesseract's tessdata repository");
                }
                throw e;
            }
            JsonNode tarball = new ObjectMapper().readTree(tmp.toFile()).path("dist").path("tarball");
            if (!tarball.isTextual()) {
                throw new OcrException(Kind.INSTALL_FAILED, name + ": the registry's answer for " + SCOPE + name + " names no tarball");
            }
            return URI.create(tarball.asText());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
