package dev.ocrcli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocrcli.OcrException;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.image.PdfLoader;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/**
 * Fuzz target: any bytes through the PDF loader (opening, the page tree, rendering, the text
 * layer) at a low resolution; only {@link OcrException} may come out. Seed corpus in
 * {@code src/test/resources/dev/ocrcli/fuzz/PdfFuzzTestInputs/}.
 */
class PdfFuzzTest {
    static {
        // the decoders' warnings about every broken input would fill the log and slow the fuzzer
        dev.ocrcli.image.ThirdPartyLogging.configure(0);
    }

    private static final PdfLoader LOADER = new PdfLoader(36, 4_000_000);

    // one input past this is a finding that libFuzzer saves (fuzz.sh turns JUnit's own timing of
    // the whole run off); three pages, each under its JPEG 2000 deadline of 10-18 s
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void pdfs(byte[] data) {
        try (PageSource src = LOADER.open(data, "fuzz")) {
            int n = Math.min(src.pageCount(), 3);
            for (int i = 0; i < n; i++) {
                src.existingText(i);
                src.page(i);
            }
        } catch (OcrException e) {
            Contract.checkMessage(e);
        }
    }
}
