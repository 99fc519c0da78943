package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fixed set of {@link OcrEngine}s with the same options, shared by many threads: each call
 * borrows an engine, so every engine is used by one thread at a time and models load once per
 * engine. Engines are rebuilt after a number of uses, to bound any memory Tesseract keeps.
 */
public final class EnginePool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnginePool.class);

    private final EngineOptions options;
    private final OcrEngine.Builder builder;
    private final int size;
    private final int recycleAfter;
    private final BlockingQueue<Slot> idle;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean closed;

    private static final class Slot {
        OcrEngine engine;
        int uses;
    }

    /**
     * Creates the pool and loads every engine now, so the first requests do not pay for it.
     *
     * @param builder      how to make an engine
     * @param size         number of engines (threads that can recognise at once), at least 1
     * @param recycleAfter rebuild an engine after this many uses (0: never)
     */
    public EnginePool(OcrEngine.Builder builder, int size, int recycleAfter) {
        if (size < 1) {
            throw new OcrException(Kind.BAD_ARGUMENT, "engine pool size must be at least 1");
        }
        this.builder = builder;
        this.options = builder.options();
        this.size = size;
        this.recycleAfter = Math.max(0, recycleAfter);
        this.idle = new ArrayBlockingQueue<>(size);
        List<Slot> made = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                Slot s = new Slot();
                s.engine = builder.build();
                made.add(s);
            }
        } catch (RuntimeException e) {
            made.forEach(s -> s.engine.close());
            throw e;
        }
        idle.addAll(made);
    }

    /** The options every engine of the pool has. */
    public EngineOptions options() {
        return options;
    }

    /** Number of engines. */
    public int size() {
        return size;
    }

    /** Engines currently lent out. */
    public int busy() {
        return busy.get();
    }

    /** Runs {@code work} with an engine, waiting as long as it takes for one to be free. */
    public <T> T withEngine(Function<OcrEngine, T> work) {
        try {
            return withEngine(work, Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException(Kind.ENGINE_FAILED, "interrupted while waiting for an engine");
        }
    }

    /**
     * Runs {@code work} with an engine, waiting at most the given time for one.
     *
     * @throws OcrException of kind ENGINE_FAILED when no engine became free in time
     */
    public <T> T withEngine(Function<OcrEngine, T> work, long timeout, TimeUnit unit) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("engine pool is closed");
        }
        Slot slot = idle.poll(timeout, unit);
        if (slot == null) {
            throw new OcrException(Kind.ENGINE_FAILED, "no engine became free within " + unit.toMillis(timeout) + " ms");
        }
        busy.incrementAndGet();
        try {
            return work.apply(slot.engine);
        } finally {
            busy.decrementAndGet();
            slot.uses++;
            if (recycleAfter > 0 && slot.uses >= recycleAfter && !closed) {
                renew(slot);
            }
            if (closed) {
                slot.engine.close();
            } else {
                idle.add(slot);
            }
        }
    }

    private void renew(Slot slot) {
        try {
            OcrEngine fresh = builder.build();
            slot.engine.close();
            slot.engine = fresh;
            slot.uses = 0;
            log.debug("engine recycled");
        } catch (RuntimeException e) {
            log.warn("could not rebuild an engine, keeping the old one: {}", e.getMessage());
            slot.uses = 0;
        }
    }

    /** Closes the idle engines now and the busy ones when they come back. */
    @Override
    public void close() {
        closed = true;
        Slot s;
        while ((s = idle.poll()) != null) {
            s.engine.close();
        }
    }
}
