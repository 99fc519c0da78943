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

class EnginePoolTest {
    @Test
    void threadsShareEnginesAndGetTheirOwnResults() throws Exception {
        List<String> texts = List.of("alpha 101", "bravo 202", "charlie 303", "delta 404", "echo 505", "foxtrot 606");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (EnginePool pool = new EnginePool(OcrEngine.builder().languages("eng"), 2, 3)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String t : texts) {
                    OcrInput in = OcrInput.of(t, TestImages.render(List.of(t)), 0);
                    futures.add(threads.submit(() -> pool.withEngine(e -> e.recognize(in).text().strip())));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(texts.get(i % texts.size()), futures.get(i).get());
            }
            assertEquals(0, pool.busy());
            assertEquals(2, pool.size());
        } finally {
            threads.shutdown();
        }
    }
}
