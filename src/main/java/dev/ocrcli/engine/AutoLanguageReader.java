package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Page;
import dev.ocrcli.lang.TessdataLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --lang auto}: chooses each page's languages from the script Tesseract's orientation and
 * script detection sees on it ({@link LanguageGuesser}), and reads the page with a
 * {@link LanguageSetReader} for those languages, built when first needed and kept. A page read
 * with another script's model whose text does not bear the detection out is read again with the
 * usual set. Pages read in tiles use the usual set. One orientation and script detection handle
 * ({@link Osd}) serves the guesser and every language set's reader.
 */
final class AutoLanguageReader implements PageReader {
    private static final Logger log = LoggerFactory.getLogger(AutoLanguageReader.class);

    private final EngineOptions options;
    private final TessdataLocator locator;
    private final Osd osd;
    private final LanguageGuesser guesser;
    private final Map<List<String>, LanguageSetReader> byLanguages = new HashMap<>();
    private long deadlineNanos;

    AutoLanguageReader(EngineOptions options, TessdataLocator locator) {
        this.options = options;
        this.locator = locator;
        this.osd = new Osd(locator, !options.tesseractMessages());
        this.guesser = new LanguageGuesser(locator, osd);
        try {
            forLanguages(guesser.base());  // load the usual set now: missing natives or models fail here
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Read read(Page page, List<Region> regions, Consumer<GrayImage> seen, String source) {
        if (!(page instanceof Page.Decoded decoded)) {
            return forLanguages(guesser.base()).read(page, regions, seen, source);
        }
        int dpi = options.dpi() > 0 ? options.dpi() : page.dpi();
        LanguageGuesser.Choice choice = guesser.choose(decoded.image(), dpi, source);
        // what the engine saw is passed on only for the reading that is kept
        List<GrayImage> shown = new ArrayList<>();
        Consumer<GrayImage> show = seen == null ? null : shown::add;
        Read r = forLanguages(choice.languages()).read(page, regions, show, source);
        if (choice.script() != null && !LanguageGuesser.confirms(choice.script(), r.page().text())) {
            log.debug("{}: page {} read as {} has few {} letters; reading it with {}", source, page.pageNumber(), choice.languages(),
                    choice.script(), guesser.base());
            shown.clear();
            r = forLanguages(guesser.base()).read(page, regions, show, source);
        }
        if (seen != null) {
            shown.forEach(seen);
        }
        return r;
    }

    /** The reader for one language set, built when first needed. */
    private LanguageSetReader forLanguages(List<String> langs) {
        LanguageSetReader r = byLanguages.get(langs);
        if (r == null) {
            r = new LanguageSetReader(options.withLanguages(langs), locator, osd);
            r.deadline(deadlineNanos);
            byLanguages.put(langs, r);
        }
        return r;
    }

    @Override
    public void deadline(long nanos) {
        deadlineNanos = nanos;
        byLanguages.values().forEach(r -> r.deadline(nanos));
    }

    @Override
    public void close() {
        byLanguages.values().forEach(LanguageSetReader::close);
        byLanguages.clear();
        guesser.close();
        osd.close();
    }
}
