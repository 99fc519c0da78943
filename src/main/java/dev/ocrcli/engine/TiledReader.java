package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.image.Page;
import dev.ocrcli.pipeline.Affine;
import dev.ocrcli.pipeline.Pipeline;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.StepReport;
import dev.ocrcli.result.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a page too large for one pass (over Tesseract's 32767 px per side, or more pixels than the
 * heap holds) in overlapping tiles, decoding one band of rows at a time. A word seen twice in an
 * overlap is kept only by the tile whose core (its share of the page up to the middle of each
 * overlap) holds the word's centre; boxes are mapped to the page, and each tile's text runs on
 * from the previous one's.
 */
final class TiledReader {
    /** Largest tile side: under Tesseract's 32767 px limit with room for preprocessing to enlarge a little. */
    static final int TILE_SIDE = 16_000;
    /** Overlap between neighbouring tiles: taller than any line of text the tiles are meant for. */
    static final int TILE_OVERLAP = 300;

    private TiledReader() {
    }

    /**
     * @param page   the page
     * @param dpi    its resolution, 0 when unknown
     * @param reader reads one tile through the pipeline
     * @param seen   told about every image the engine read; may be null
     */
    static PageResult read(Page.Tiled page, int dpi, Function<GrayImage, Pipeline.Result> reader, Consumer<GrayImage> seen) {
        int w = page.width();
        int h = page.height();
        int nCols = Math.max(1, (int) Math.ceil((double) (w - TILE_OVERLAP) / (TILE_SIDE - TILE_OVERLAP)));
        int tileW = nCols == 1 ? w : (int) Math.ceil((double) (w + (nCols - 1) * TILE_OVERLAP) / nCols);
        long budget = ImageLoader.TILE_BUDGET_PIXELS / 2;
        Runtime rt = Runtime.getRuntime();
        // a band costs up to 4 bytes a pixel while decoding plus the grey copy and a tile
        long heapRows = Math.max(TILE_OVERLAP * 2L, rt.maxMemory() / 4 / (6L * w));
        int bandH = (int) Math.min(Math.min(TILE_SIDE, h), Math.min(budget / w, heapRows));
        bandH = Math.max(bandH, Math.min(h, TILE_OVERLAP * 2));
        int[][] ys = spans(h, bandH);
        int[][] xs = spans(w, tileW);
        PageTree tree = PageTree.EMPTY;
        List<StepReport> steps = new ArrayList<>();
        long t0 = System.nanoTime();
        int tile = 0;
        for (int[] y : ys) {
            GrayImage band = page.source().read(0, y[0], w, y[1] - y[0]);
            for (int[] x : xs) {
                tile++;
                GrayImage img = xs.length == 1 ? band : band.crop(x[0], 0, x[1] - x[0], band.height());
                Pipeline.Result res = reader.apply(img);
                if (seen != null) {
                    seen.accept(res.reading().image());
                }
                steps.addAll(res.reports());
                Affine map = Affine.translate(x[0], y[0]).after(res.reading().toInput());
                PageTree mine = res.reading().tree().mapBoxes(b -> map.map(b, w, h)).mapLines(l -> {
                    List<Word> kept = l.words().stream().filter(wd -> inCore(wd, x, y)).toList();
                    return kept.size() == l.words().size() ? l : kept.isEmpty() ? null : l.withWords(kept);
                });
                tree = tree.append(mine.inRegion(tile));
            }
        }
        steps.add(new StepReport("tiles", true, ys.length + "x" + xs.length + " tiles of up to " + tileW + "x" + bandH + " px",
                (System.nanoTime() - t0) / 1000));
        return new PageResult(page.pageNumber(), w, h, dpi, tree, steps);
    }

    private static boolean inCore(Word wd, int[] x, int[] y) {
        int cx = (wd.box().x0() + wd.box().x1()) / 2;
        int cy = (wd.box().y0() + wd.box().y1()) / 2;
        return cx >= x[2] && cx < x[3] && cy >= y[2] && cy < y[3];
    }

    /**
     * Overlapping spans covering {@code [0, length)} with pieces of at most {@code size}:
     * {start, end, coreStart, coreEnd}; the cores split each overlap in the middle, so they
     * partition the length exactly.
     */
    static int[][] spans(int length, int size) {
        if (length <= size) {
            return new int[][] {{0, length, 0, length}};
        }
        int n = (int) Math.ceil((double) (length - TILE_OVERLAP) / (size - TILE_OVERLAP));
        int[][] out = new int[n][4];
        for (int i = 0; i < n; i++) {
            int start = i == n - 1 ? length - size : i * (size - TILE_OVERLAP);
            out[i][0] = Math.max(0, start);
            out[i][1] = Math.min(length, out[i][0] + size);
        }
        out[0][2] = 0;
        out[n - 1][3] = length;
        for (int i = 1; i < n; i++) {
            int mid = (out[i - 1][1] + out[i][0]) / 2;
            out[i - 1][3] = mid;
            out[i][2] = mid;
        }
        return out;
    }
}
