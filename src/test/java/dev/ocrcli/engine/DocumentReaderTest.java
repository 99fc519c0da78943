package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One document's pages spread over the engines of a real pool: order, concurrency, failures. */
class DocumentReaderTest {
    static EnginePool pool;
    static ExecutorService threads;
    static List<GrayImage> images = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        pool = new EnginePool(OcrEngine.builder().languages("eng").preprocess("none"), 2, 0);
        threads = Executors.newFixedThreadPool(2);
        for (int i = 1; i <= 8; i++) {
            images.add(GrayImage.from(TestImages.render(List.of("Page number " + i), 28)));
        }
    }

    @AfterAll
    static void tearDown() {
        threads.shutdownNow();
        pool.close();
    }

    /** The test pages, decoded on demand; page {@code failAt} (0-based, -1: none) cannot be decoded. */
    static final class Pages implements PageSource {
        final int failAt;
        final List<Integer> decoded = Collections.synchronizedList(new ArrayList<>());
        final List<String> decodingThreads = Collections.synchronizedList(new ArrayList<>());

        Pages(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String source() {
            return "doc";
        }

        @Override
        public int pageCount() {
            return images.size();
        }

        @Override
        public Page page(int index) {
            decoded.add(index);
            decodingThreads.add(Thread.currentThread().getName());
            if (index == failAt) {
                throw new OcrException(Kind.INPUT_UNREADABLE, "doc: page " + (index + 1) + ": damaged");
            }
            return Page.of(index + 1, images.get(index), 0);
        }

        @Override
        public int[] pageSize(int index) {
            return new int[] {images.get(index).width(), images.get(index).height()};
        }

        @Override
        public int pageDpi(int index) {
            return 0;
        }

        @Override
        public long loadMillis() {
            return 0;
        }
    }

    @Test
    void pagesAreRecognisedOnEveryEngineAndComeBackInOrder() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Pages src = new Pages(-1);
        List<Integer> told = new ArrayList<>();
        String caller = Thread.currentThread().getName();
        List<String> listenerThreads = new ArrayList<>();
        OcrResult r = DocumentReader.read(src, DocumentReader.Limits.NONE, (one, left) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return pool.withEngine(e -> e.recognize(one));
            } finally {
                running.decrementAndGet();
            }
        }, (page, image) -> {
            told.add(page.pageNumber());
            listenerThreads.add(Thread.currentThread().getName());
            assertEquals(page.width(), image.get().width());
        }, System.nanoTime(), List.of("eng"), new DocumentReader.Parallel(threads, 2));
        assertEquals(8, r.pages().size());
        for (int i = 0; i < 8; i++) {
            PageResult p = r.pages().get(i);
            assertEquals(i + 1, p.pageNumber());
            assertEquals("Page number " + (i + 1), p.text().strip());
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), told, "listener in page order");
        assertTrue(listenerThreads.stream().allMatch(caller::equals), "listener on the calling thread: " + listenerThreads);
        assertTrue(src.decodingThreads.stream().allMatch(caller::equals), "decoded on the calling thread: " + src.decodingThreads);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), src.decoded, "each page decoded once, in order");
        assertEquals(2, most.get(), "two pages recognised at once");
    }

    @Test
    void aPageThatCannotBeDecodedFailsTheDocumentAndLaterPagesAreNotRead() {
        Pages src = new Pages(3);
        OcrException e = assertThrows(OcrException.class, () -> DocumentReader.read(src, DocumentReader.Limits.NONE,
                (one, left) -> pool.withEngine(en -> en.recognize(one)), null, System.nanoTime(), List.of("eng"),
                new DocumentReader.Parallel(threads, 2)));
        assertEquals("doc: page 4: damaged", e.getMessage());
        assertEquals(List.of(0, 1, 2, 3), src.decoded);
    }

    @Test
    void theFirstFailingPageInPageOrderIsTheOneReported() {
        Pages src = new Pages(-1);
        AtomicInteger started = new AtomicInteger();
        OcrException e = assertThrows(OcrException.class, () -> DocumentReader.read(src, DocumentReader.Limits.NONE,
                (one, left) -> {
                    started.incrementAndGet();
                    int n = one.pages().get(0).pageNumber();
                    if (n == 2 || n == 3) {
                        throw new OcrException(Kind.ENGINE_FAILED, "page " + n + " failed");
                    }
                    return pool.withEngine(en -> en.recognize(one));
                }, null, System.nanoTime(), List.of("eng"), new DocumentReader.Parallel(threads, 2)));
        assertEquals("page 2 failed", e.getMessage());
        assertTrue(src.decoded.size() <= 5, "a bounded number of pages read ahead: " + src.decoded);
    }

    @Test
    void tooManyPagesIsRefusedBeforeAnyPageIsDecoded() {
        Pages src = new Pages(-1);
        OcrException e = assertThrows(OcrException.class, () -> DocumentReader.read(src, new DocumentReader.Limits(7, 0, false),
                (one, left) -> pool.withEngine(en -> en.recognize(one)), null, System.nanoTime(), List.of("eng"),
                new DocumentReader.Parallel(threads, 2)));
        assertEquals(Kind.TOO_MANY_PAGES, e.kind());
        assertEquals(List.of(), src.decoded);
    }
}
