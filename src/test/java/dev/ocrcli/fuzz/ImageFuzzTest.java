package dev.ocrcli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocrcli.OcrException;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/**
 * Fuzz target: any bytes through the image loader (every format, every page). The contract is
 * that a loader either returns pages or throws {@link OcrException}; anything else (another
 * exception, an error, a hang) is a finding. Without {@code JAZZER_FUZZ} it runs its seed corpus
 * ({@code src/test/resources/dev/ocrcli/fuzz/ImageFuzzTestInputs/}) as a regression test;
 * {@code scripts/fuzz.sh} fuzzes it (see docs/robustness.md).
 */
class ImageFuzzTest {
    static {
        // the decoders' warnings about every broken input would fill the log and slow the fuzzer
        dev.ocrcli.image.ThirdPartyLogging.configure(0);
    }

    /** Small pages only: the fuzzer should spend its time in headers and decoders, not in huge allocations. */
    private static final ImageLoader LOADER = new ImageLoader(4_000_000);

    // one input past this is a finding that libFuzzer saves (fuzz.sh turns JUnit's own timing of
    // the whole run off); its own JPEG 2000 deadline is 10 s plus 2 s per megapixel, 18 s at the 4 MP limit
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void images(byte[] data) {
        try (PageSource src = LOADER.open(data, "fuzz")) {
            int n = Math.min(src.pageCount(), 4);
            for (int i = 0; i < n; i++) {
                Page p = src.page(i);
                if (p.width() <= 0 || p.height() <= 0) {
                    throw new AssertionError("page of " + p.width() + "x" + p.height());
                }
                src.pageSize(i);
                src.pageDpi(i);
            }
        } catch (OcrException e) {
            Contract.checkMessage(e);
        }
    }
}
