package dev.ocrcli.engine;

import dev.ocrcli.image.OcrInput;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePoolTest {
    @Test
    void threadsShareEnginesAndGetTheirOwnResults() throws Exception {
        List<String> texts = List.of("alpha 101", "bravo 202", "charlie 303", "delta 404", "echo 505", "foxtrot 606");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (EnginePool pool = new EnginePool(OcrEngine.builder().languages("eng"), 2, 3)) {
            List<Future<String>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
            java.util.Map<OcrEngine, Integer> uses = new java.util.concurrent.ConcurrentHashMap<>();
            for (int round = 0; round < 2; round++) {
                for (String t : texts) {
                    OcrInput in = OcrInput.of(t, TestImages.render(List.of(t)), 0);
                    futures.add(threads.submit(() -> pool.withEngine(e -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            uses.merge(e, 1, Integer::sum);
                            return e.recognize(in).text().strip();
                        } finally {
                            inside.decrementAndGet();
                        }
                    })));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(texts.get(i % texts.size()), futures.get(i).get());
            }
            assertEquals(0, pool.busy());
            assertTrue(most.get() <= 2, "never more than the pool's 2 engines at work at once, but " + most.get());
            assertTrue(uses.values().stream().allMatch(n -> n <= 3), "each engine rebuilt after 3 uses: " + uses.values());
            assertTrue(uses.size() >= 4, "12 uses of engines rebuilt every 3 uses need at least 4 engines: " + uses.size());
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aPoolClosedWhileWarmingUpLeavesNoEngineBehind() throws Exception {
        EnginePool pool = EnginePool.lazy(OcrEngine.builder().languages("eng"), 2, 0);
        pool.warmUp();
        assertEquals(2, pool.warmingUp(), "both engines are being built");
        pool.close();
        // the warm-up threads finish building after the close
        assertTrue(pool.awaitWarmUp(60_000), "warm-up finished");
        assertEquals(0, pool.idleEngines(), "engines built after close() are closed, not parked in the pool");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> pool.withEngine(e -> 1));
        // and a closed pool builds nothing more
        EnginePool closed = EnginePool.lazy(OcrEngine.builder().languages("eng"), 2, 0);
        closed.close();
        closed.warmUp();
        assertEquals(0, closed.warmingUp(), "no warm-up thread for a closed pool");
        assertEquals(0, closed.idleEngines());
    }
}
