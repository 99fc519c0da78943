package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a part of a page again with other models: extra engines, each loaded on first need and
 * kept, that read one line (a word or a whole text line) cut out of the image the main engine saw.
 */
final class SecondReader implements AutoCloseable {
    private final String dataPath;
    private final boolean quiet;
    private final Map<String, TesseractHandle> engines = new HashMap<>();

    SecondReader(String dataPath, boolean quiet) {
        this.dataPath = dataPath;
        this.quiet = quiet;
    }

    /**
     * Reads the box (with a margin) as one line of text with {@code languages}; boxes of the
     * result are in the coordinates of {@code image}. Null when nothing was read.
     */
    Line read(GrayImage image, Box box, String languages) {
        int padX = Math.max(2, box.height() / 6);
        int padY = Math.max(2, box.height() / 8);
        int x0 = Math.max(0, box.x0() - padX);
        int y0 = Math.max(0, box.y0() - padY);
        int x1 = Math.min(image.width(), box.x1() + padX);
        int y1 = Math.min(image.height(), box.y1() + padY);
        if (x1 - x0 < 3 || y1 - y0 < 3) {
            return null;
        }
        int margin = Math.max(8, box.height() / 2);
        GrayImage crop = image.crop(x0, y0, x1 - x0, y1 - y0).padded(margin);
        TesseractHandle t = engines.computeIfAbsent(languages, l -> {
            TesseractHandle h = new TesseractHandle(dataPath, l, EngineOptions.OEM_DEFAULT, Map.of(), quiet);
            h.setPageSegMode(7);
            return h;
        });
        t.setImage(crop, 0);
        try {
            if (!t.recognize(0)) {
                return null;
            }
            List<Word> words = new ArrayList<>();
            for (Line l : t.lines()) {
                for (Word w : l.words()) {
                    Box b = w.box();
                    int dx = x0 - margin;
                    int dy = y0 - margin;
                    Box shifted = new Box(Math.max(0, b.x0() + dx), Math.max(0, b.y0() + dy), Math.max(0, b.x1() + dx), Math.max(0, b.y1() + dy));
                    words.add(new Word(w.text(), w.confidence(), shifted));
                }
            }
            return words.isEmpty() ? null : TesseractHandle.line(words, box);
        } finally {
            t.clear();
        }
    }

    @Override
    public void close() {
        engines.values().forEach(TesseractHandle::close);
        engines.clear();
    }
}
