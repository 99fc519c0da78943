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
    /** Engines built or being built (a lazy pool grows up to {@code size}). */
    private final AtomicInteger created = new AtomicInteger();
    private volatile RuntimeException startupFailure;
    private volatile boolean closed;
    /** Warm-up threads still building (see {@link #awaitWarmUp}). */
    private final java.util.Set<Thread> warming = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
        this(builder, size, recycleAfter, true);
    }

    private EnginePool(OcrEngine.Builder builder, int size, int recycleAfter, boolean eager) {
        if (size < 1) {
            throw new OcrException(Kind.BAD_ARGUMENT, "engine pool size must be at least 1");
        }
        this.builder = builder;
        this.options = builder.options();
        this.size = size;
        this.recycleAfter = Math.max(0, recycleAfter);
        this.idle = new ArrayBlockingQueue<>(size);
        if (!eager) {
            return;
        }
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
        created.set(size);
        idle.addAll(made);
    }

    /**
     * A pool that loads no engine now: engines are built when first needed (by the borrowing
     * thread, or in the background after {@link #warmUp()}), up to {@code size}. For command-line
     * batches, where starting fast matters and the number of useful engines depends on the input.
     */
    public static EnginePool lazy(OcrEngine.Builder builder, int size, int recycleAfter) {
        return new EnginePool(builder, size, recycleAfter, false);
    }

    /**
     * Starts building every engine not built yet, each on its own short-lived thread, and returns
     * at once; borrowers wait for them. A failure is kept (see {@link #startupFailure()}) and the
     * next borrower tries again, so it sees the failure itself. Does nothing once the pool is closed.
     */
    public void warmUp() {
        while (reserve()) {
            Thread t = new Thread(() -> {
                try {
                    park(newSlot());
                } catch (RuntimeException | LinkageError e) {
                    // also when the process exits while the natives are still loading
                    // (JNA's initialiser fails during shutdown): nothing for the user to see
                    log.debug("engine warm-up failed: {}", e.toString());
                } finally {
                    warming.remove(Thread.currentThread());
                }
            }, "engine-warmup");
            t.setDaemon(true);
            warming.add(t);
            t.start();
        }
    }

    /**
     * Waits until every warm-up thread started so far has finished building (and parked or, the
     * pool being closed, closed its engine).
     *
     * @return false when some were still building after {@code timeoutMillis}
     */
    boolean awaitWarmUp(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : List.copyOf(warming)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            t.join(left);
        }
        return warming.isEmpty();
    }

    /** Warm-up threads still building (for tests). */
    int warmingUp() {
        return warming.size();
    }

    /**
     * The last failure to build an engine, while no engine has been built since: set when the
     * models or the native library cannot load at all, so a caller can stop instead of failing
     * every input. Null when the last build succeeded.
     */
    public RuntimeException startupFailure() {
        return startupFailure;
    }

    /** Takes a place for a new engine; none once the pool is closed, so nothing is built for a closed pool. */
    private boolean reserve() {
        while (true) {
            if (closed) {
                return false;
            }
            int c = created.get();
            if (c >= size) {
                return false;
            }
            if (created.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    /** Builds an engine for a reserved place; gives the place back on failure. */
    private Slot newSlot() {
        try {
            Slot s = new Slot();
            s.engine = builder.build();
            startupFailure = null;
            return s;
        } catch (RuntimeException e) {
            created.decrementAndGet();
            startupFailure = e;
            throw e;
        } catch (LinkageError e) {
            created.decrementAndGet();
            throw e;
        }
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
        return withEngine(work, Long.MAX_VALUE);
    }

    /**
     * Runs {@code work} with an engine, waiting at most {@code timeoutMillis} for one
     * ({@link Long#MAX_VALUE}: as long as it takes).
     *
     * @throws OcrException TIMEOUT when no engine became free in time, INTERRUPTED when the thread was interrupted waiting
     */
    public <T> T withEngine(Function<OcrEngine, T> work, long timeoutMillis) {
        try {
            return withEngine(work, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException(Kind.INTERRUPTED, "interrupted while waiting for an engine");
        }
    }

    /**
     * Runs {@code work} with an engine, waiting at most the given time for one.
     *
     * @throws OcrException of kind TIMEOUT when no engine became free in time
     */
    public <T> T withEngine(Function<OcrEngine, T> work, long timeout, TimeUnit unit) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("engine pool is closed");
        }
        Slot slot = borrow(timeout, unit);
        busy.incrementAndGet();
        try {
            return work.apply(slot.engine);
        } finally {
            busy.decrementAndGet();
            slot.uses++;
            if (recycleAfter > 0 && slot.uses >= recycleAfter && !closed) {
                renew(slot);
            }
            park(slot);
        }
    }

    /**
     * Puts an engine back among the idle ones, or closes it when the pool is closed. Checked again
     * after parking: a {@link #close()} that ran between the check and the parking has already
     * emptied the idle queue, and must not leave this engine behind.
     */
    private void park(Slot slot) {
        if (closed) {
            slot.engine.close();
            return;
        }
        idle.add(slot);
        if (closed && idle.remove(slot)) {
            slot.engine.close();
        }
    }

    /** Engines built and waiting for work (for tests and metrics). */
    int idleEngines() {
        return idle.size();
    }

    private Slot borrow(long timeout, TimeUnit unit) throws InterruptedException {
        long waitNanos = unit.toNanos(timeout);
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            Slot slot = idle.poll();
            if (slot != null) {
                return slot;
            }
            if (closed) {
                // closed while waiting: no engine will come back to the idle queue
                throw new IllegalStateException("engine pool is closed");
            }
            if (reserve()) {
                return newSlot();
            }
            long left = waitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                throw new OcrException(Kind.TIMEOUT, "no engine became free within " + unit.toMillis(timeout) + " ms");
            }
            // short waits: an engine that fails to build in the background frees its place for us
            slot = idle.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (slot != null) {
                return slot;
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
