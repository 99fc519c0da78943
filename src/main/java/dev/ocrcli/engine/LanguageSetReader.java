package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Page;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.pipeline.Affine;
import dev.ocrcli.pipeline.Pipeline;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.StepReport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads pages with one language set: every image (the page, each of its rectangles, each tile
 * of a huge page) goes through the pipeline, with this reader's native handles doing the
 * recognitions, and what was read is mapped back to the page's pixels.
 */
final class LanguageSetReader implements PageReader {
    private final EngineOptions options;
    private final Pipeline pipeline;
    private final NativeReader natives;

    LanguageSetReader(EngineOptions options, TessdataLocator locator) {
        this(options, locator, null);
    }

    /** A reader whose orientation detection is {@code osd}, shared with others (null: its own). */
    LanguageSetReader(EngineOptions options, TessdataLocator locator, Osd osd) {
        this.options = options;
        this.pipeline = Pipeline.parse(options.preprocess(), options.maxImageSize(), options.dpi() > 0);
        this.natives = new NativeReader(options, locator, osd);
    }

    @Override
    public Read read(Page page, List<Region> regions, Consumer<GrayImage> seen, String source) {
        int dpi = options.dpi() > 0 ? options.dpi() : page.dpi();
        PageResult result;
        if (page instanceof Page.Tiled tiled) {
            if (!regions.isEmpty()) {
                throw new OcrException(Kind.BAD_ARGUMENT, source + ": rectangles are not supported on pages read in tiles ("
                        + page.width() + "x" + page.height() + " px)");
            }
            result = TiledReader.read(tiled, dpi, img -> run(img, dpi), seen);
        } else {
            result = readDecoded((Page.Decoded) page, dpi, regions, seen, source);
        }
        return new Read(result, options.languages());
    }

    private PageResult readDecoded(Page.Decoded page, int dpi, List<Region> regions, Consumer<GrayImage> seen, String source) {
        int w = page.width();
        int h = page.height();
        PageTree tree = PageTree.EMPTY;
        List<StepReport> steps = new ArrayList<>();
        List<Region> todo = regions.isEmpty() ? List.of(Region.WHOLE_PAGE) : regions;
        for (int k = 0; k < todo.size(); k++) {
            Region r = todo.get(k);
            // Regions are cut out here rather than with Tesseract's SetRectangle, which reads
            // nothing when a rectangle spans the full image width.
            GrayImage part = page.image();
            Affine toPage = Affine.IDENTITY;
            if (r != Region.WHOLE_PAGE) {
                Region c = r.clippedTo(w, h, source);
                part = part.crop(c.x(), c.y(), c.width(), c.height());
                toPage = Affine.translate(c.x(), c.y());
            }
            Pipeline.Result res = run(part, dpi);
            if (seen != null) {
                seen.accept(res.reading().image());
            }
            Affine map = toPage.after(res.reading().toInput());
            PageTree mapped = map.isIdentity() ? res.reading().tree() : res.reading().tree().mapBoxes(b -> map.map(b, w, h));
            tree = tree.append(regions.isEmpty() ? mapped : mapped.inRegion(k + 1));
            steps.addAll(res.reports());
        }
        return new PageResult(page.pageNumber(), w, h, dpi, tree, steps);
    }

    /** One image through the pipeline; boxes in the coordinates of the image the engine read. */
    private Pipeline.Result run(GrayImage image, int dpi) {
        return pipeline.run(image, dpi, options.languages(), options.psm(), natives);
    }

    @Override
    public void deadline(long nanos) {
        natives.deadline(nanos);
    }

    @Override
    public void close() {
        natives.close();
    }
}
