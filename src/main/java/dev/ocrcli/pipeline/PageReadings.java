package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Readings} of one page: the engine's, with every recognition of an image remembered
 * for the rest of the page, so two steps that want the same reading (the {@code vote} and the
 * {@code gaps} step both read the page at another resolution) pay for it once.
 */
final class PageReadings implements Readings {
    private final Readings engine;
    /** Per image (by identity: two equal-looking images are still two readings' worth), the readings made of it. */
    private final Map<GrayImage, Map<Request, PageTree>> made = new IdentityHashMap<>();

    PageReadings(Readings engine) {
        this.engine = engine;
    }

    @Override
    public PageTree read(GrayImage image, Request r) {
        // the reading's name only labels the words, so it is not part of what makes two readings the same
        Request key = r.named("");
        Map<Request, PageTree> ofImage = made.computeIfAbsent(image, i -> new HashMap<>());
        PageTree t = ofImage.get(key);
        if (t == null) {
            t = engine.read(image, r);
            ofImage.put(key, t);
        }
        return t;
    }

    @Override
    public Line readLine(GrayImage image, Box box, String models, String reading) {
        return engine.readLine(image, box, models, reading);
    }

    @Override
    public boolean isDictionaryWord(String word) {
        return engine.isDictionaryWord(word);
    }

    @Override
    public boolean isDictionaryWord(String word, String models) {
        return engine.isDictionaryWord(word, models);
    }

    @Override
    public int uprightTurn(GrayImage image, int dpi) {
        return engine.uprightTurn(image, dpi);
    }

    @Override
    public boolean hasModel(String name) {
        return engine.hasModel(name);
    }

    @Override
    public List<String> languages() {
        return engine.languages();
    }
}
