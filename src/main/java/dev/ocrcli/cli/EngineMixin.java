package dev.ocrcli.cli;

import dev.ocrcli.engine.OcrEngine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options that configure the engine, shared by every command that recognises text. */
public final class EngineMixin {
    @Option(names = {"-l", "--lang"}, paramLabel = "LANGS", defaultValue = "eng",
            description = "Languages, joined by + or , (default: ${DEFAULT-VALUE}), e.g. eng+rus; or auto: chosen page by page "
                    + "from the script Tesseract detects (Latin and Cyrillic: eng+rus; Greek: ell+eng; ...).")
    String languages;

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Directory searched first for language models.")
    Path tessdata;

    @Option(names = "--psm", paramLabel = "N", defaultValue = "3",
            description = "Page segmentation mode 1..13, as Tesseract's (default: ${DEFAULT-VALUE}, automatic).")
    int psm;

    @Option(names = "--oem", paramLabel = "N", defaultValue = "3",
            description = "OCR engine mode: 0 legacy, 1 LSTM, 2 both, 3 default; refused if the models lack it.")
    int oem;

    @Option(names = "--dpi", paramLabel = "N", defaultValue = "0",
            description = "Resolution of the input, overriding the file's own (default: from the file, else estimated).")
    int dpi;

    @Option(names = "-c", paramLabel = "NAME=VALUE", description = "Set any Tesseract variable; repeatable.")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--max-size", paramLabel = "PX", defaultValue = "0",
            description = "Shrink images whose longest side exceeds PX pixels (default: no limit).")
    int maxSize;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "0",
            description = "Refuse images with more than N pixels, checked before decoding (default: only Tesseract's 32767 px per side and the Java heap).")
    long maxPixels;

    @Option(names = "--preprocess", paramLabel = "STEPS", defaultValue = "auto",
            description = "Image preprocessing: auto (default; each step acts only when the page needs it), none, or steps from "
                    + "invert,normalize,denoise,deskew,rules,rescale,pad,spaces,orient,sparse,scripts,letters,bars.")
    String preprocess;

    /** A builder holding these options. */
    public OcrEngine.Builder builder(int verbosity) {
        OcrEngine.Builder b = OcrEngine.builder()
                .languages(languages)
                .tessdata(tessdata)
                .pageSegMode(psm)
                .engineMode(oem)
                .dpi(dpi)
                .maxImageSize(maxSize)
                .maxPixels(maxPixels)
                .preprocess(preprocess)
                .tesseractMessages(verbosity > 0);
        variables.forEach(b::variable);
        return b;
    }
}
