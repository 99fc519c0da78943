package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;

import java.nio.file.Path;
import java.util.Map;

/** Proves a model file loads into Tesseract, by initialising a throw-away engine with it. */
public final class ModelCheck {
    private ModelCheck() {}

    /**
     * @param dataDir the directory holding {@code NAME.traineddata}
     * @param name    the language name
     * @throws OcrException of kind INSTALL_FAILED when Tesseract refuses the file
     */
    public static void loads(Path dataDir, String name) {
        loads(dataDir, name, false);
    }

    /**
     * As {@link #loads(Path, String)}, with the legacy engine when {@code legacy}: a model installed
     * for it must load with it (the shape of {@code LanguageInstaller.LoadCheck}).
     */
    public static void loads(Path dataDir, String name, boolean legacy) {
        try (TesseractHandle h = new TesseractHandle(dataDir.toString(), name, legacy ? EngineOptions.OEM_LEGACY : EngineOptions.OEM_DEFAULT,
                Map.of(), true)) {
            // loaded: nothing else to check
        } catch (OcrException e) {
            if (e.kind() == Kind.NATIVE_UNAVAILABLE) {
                throw e;
            }
            throw new OcrException(Kind.INSTALL_FAILED, name + ": the file does not load in Tesseract; not installed");
        }
    }
}
