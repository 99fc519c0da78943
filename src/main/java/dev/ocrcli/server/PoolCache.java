package dev.ocrcli.server;

import dev.ocrcli.engine.EngineOptions;
import dev.ocrcli.engine.EnginePool;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.lang.TessdataLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Engine pools by language set, page segmentation mode and preprocessing: the default pool
 * ({@code jobs} engines), loaded at start and kept for the server's life, and pools for other
 * settings, built on first use. The engines of all pools together never exceed
 * {@code maxEngines}: a new pool pushes out the least recently used pools nobody is using, and
 * when those do not make room the request is answered 503. A pool other than the default that
 * nobody used for {@code poolIdleMillis} is closed. {@link Lease}s count a pool's users, so no
 * pool is closed under a request.
 */
final class PoolCache implements AutoCloseable {
    /** The language "set" that chooses the languages page by page. */
    static final String AUTO = "auto";

    private static final Logger log = LoggerFactory.getLogger(PoolCache.class);

    /** What distinguishes two pools. */
    record Key(List<String> languages, int psm, String preprocess) {
        Key {
            languages = List.copyOf(languages);
        }

        /** The server's own preprocessing setting. */
        Key(List<String> languages, int psm) {
            this(languages, psm, null);
        }

        String label() {
            return String.join("+", languages) + (psm == 3 ? "" : " psm " + psm) + (preprocess == null ? "" : " preprocess " + preprocess);
        }
    }

    private final class Entry {
        final Key key;
        final int size;
        private volatile EnginePool pool;
        private RuntimeException failure;
        /** Guarded by the cache. */
        int users;
        boolean dropped;
        long lastUsedNanos = System.nanoTime();

        Entry(Key key, int size) {
            this.key = key;
            this.size = size;
        }

        /** Builds the pool once; later callers wait for the first. */
        synchronized EnginePool pool() {
            if (pool == null && failure == null) {
                long t0 = System.nanoTime();
                try {
                    pool = new EnginePool(builder(key), size, recycleAfter);
                    log.info("engine pool {} ready: {} engine(s) in {} ms", key.label(), size, (System.nanoTime() - t0) / 1_000_000);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return pool;
        }

        EnginePool poolIfBuilt() {
            return pool;
        }

        synchronized void closePool() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** A pool lent to one request; close it when done. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        EnginePool pool() {
            return entry.pool();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    private final ServerConfig.EngineFactory factory;
    private final long maxPixels;
    private final long timeoutMillis;
    private final int jobs;
    private final int recycleAfter;
    private final int maxEngines;
    private final long idleNanos;
    private final Entry defaultEntry;
    /** Pools other than the default, least recently used first. */
    private final LinkedHashMap<Key, Entry> extra = new LinkedHashMap<>(8, 0.75f, true);
    private final ScheduledExecutorService reaper;
    private volatile EngineOptions defaultOptions;
    private boolean closed;

    PoolCache(ServerConfig cfg) {
        this.factory = cfg.engines();
        this.maxPixels = cfg.maxPixels();
        this.timeoutMillis = cfg.timeoutMillis();
        this.jobs = cfg.jobs();
        this.recycleAfter = cfg.recycleAfter();
        this.maxEngines = cfg.maxEngines();
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(cfg.poolIdleMillis());
        this.defaultEntry = new Entry(new Key(cfg.defaultLanguages(), cfg.defaultPsm()), cfg.jobs());
        if (cfg.poolIdleMillis() > 0) {
            long every = Math.max(100, Math.min(cfg.poolIdleMillis() / 2, 30_000));
            reaper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ocr-pool-reaper");
                t.setDaemon(true);
                return t;
            });
            reaper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
        } else {
            reaper = null;
        }
    }

    OcrEngine.Builder builder(Key key) {
        OcrEngine.Builder b = factory.builder(key.languages(), key.psm()).maxPixels(maxPixels).timeoutMillis(timeoutMillis);
        return key.preprocess() == null ? b : b.preprocess(key.preprocess());
    }

    Key defaultKey() {
        return defaultEntry.key;
    }

    /** The options of the default pool's engines (the server's own {@code --tessdata}, {@code --preprocess}...). */
    EngineOptions defaultOptions() {
        EngineOptions o = defaultOptions;
        if (o == null) {
            o = builder(defaultEntry.key).options();
            defaultOptions = o;
        }
        return o;
    }

    /** Engines that may be loaded at once. */
    int maxEngines() {
        return maxEngines;
    }

    /** Loads the default pool now (slow: every engine loads its models). */
    void warm() {
        defaultOptions();
        defaultEntry.pool();
    }

    /** True once the default pool is loaded. */
    boolean ready() {
        return defaultEntry.poolIfBuilt() != null;
    }

    /**
     * Checks that every language is installed ({@code auto} finds its own), before anything is loaded.
     *
     * @throws dev.ocrcli.OcrException LANGUAGE_MISSING naming the first one missing
     */
    static void requireInstalled(TessdataLocator locator, List<String> languages) {
        // every missing language named at once; auto is not a model
        locator.findAll(languages.stream().filter(l -> !l.equals(AUTO)).toList());
    }

    /**
     * Lends the pool for a key, building it if needed.
     *
     * @throws dev.ocrcli.OcrException LANGUAGE_MISSING or BAD_ARGUMENT when a language is not installed
     *                                 or the options do not fit the models
     * @throws ApiError                503 when the engine budget is taken by pools in use, or the server is stopping
     */
    Lease acquire(Key key) {
        Entry e;
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new ApiError(503, "shutting_down", "server is shutting down", 1);
            }
            if (key.equals(defaultEntry.key)) {
                e = defaultEntry;
            } else {
                e = extra.get(key);
                if (e == null) {
                    e = newEntry(key, toClose);
                }
            }
            e.users++;
        }
        toClose.forEach(Entry::closePool);
        Lease lease = new Lease(e);
        try {
            e.pool();
        } catch (RuntimeException ex) {
            synchronized (this) {
                if (extra.get(key) == e) {
                    extra.remove(key);
                }
                e.dropped = true;
            }
            lease.close();
            throw ex;
        }
        return lease;
    }

    /** A new pool's place, made by pushing out unused pools; called holding the lock. */
    private Entry newEntry(Key key, List<Entry> toClose) {
        int size = Math.min(jobs, maxEngines - jobs);
        if (size < 1) {
            throw new ApiError(400, "bad_parameter", "this server only serves " + defaultEntry.key.label()
                    + " (its engine limit leaves no room for other languages, psm or preprocessing)");
        }
        // Check the names before a pool can push a good one out of the cache.
        requireInstalled(TessdataLocator.standard(builder(key).options().tessdata()), key.languages());
        int total = reserved();
        Iterator<Map.Entry<Key, Entry>> it = extra.entrySet().iterator();
        while (total + size > maxEngines && it.hasNext()) {
            Entry old = it.next().getValue();
            if (old.users > 0) {
                continue;
            }
            it.remove();
            old.dropped = true;
            toClose.add(old);
            total -= old.size;
            log.info("engine pool {} closed to make room for {} (at most {} engines)", old.key.label(), key.label(), maxEngines);
        }
        if (total + size > maxEngines) {
            throw new ApiError(503, "overloaded", "all " + maxEngines + " engines are in use by other languages or settings; retry later", 1);
        }
        Entry e = new Entry(key, size);
        extra.put(key, e);
        return e;
    }

    /** Engines of the default pool and of every other pool kept (built or being built). */
    private int reserved() {
        int n = defaultEntry.size;
        for (Entry x : extra.values()) {
            n += x.size;
        }
        return n;
    }

    private void release(Entry e) {
        boolean close;
        synchronized (this) {
            e.users--;
            e.lastUsedNanos = System.nanoTime();
            close = (e.dropped || closed) && e.users == 0 && e != defaultEntry;
        }
        if (close) {
            e.closePool();
        }
    }

    /** Closes the pools other than the default that nobody used for the idle time. */
    void closeIdle() {
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            Iterator<Entry> it = extra.values().iterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (e.users == 0 && now - e.lastUsedNanos >= idleNanos) {
                    it.remove();
                    e.dropped = true;
                    toClose.add(e);
                }
            }
        }
        for (Entry e : toClose) {
            e.closePool();
            log.info("engine pool {} closed: unused for {} s", e.key.label(), TimeUnit.NANOSECONDS.toSeconds(idleNanos));
        }
    }

    /** Pools currently loaded, the default first. */
    synchronized List<String> loaded() {
        List<String> out = new ArrayList<>();
        if (ready()) {
            out.add(defaultEntry.key.label());
        }
        for (Entry e : extra.values()) {
            if (e.poolIfBuilt() != null) {
                out.add(e.key.label());
            }
        }
        return out;
    }

    /** Sum of a number over the loaded pools (busy engines, engine count). */
    synchronized int sum(ToIntFunction<EnginePool> f) {
        int n = 0;
        EnginePool d = defaultEntry.poolIfBuilt();
        if (d != null) {
            n += f.applyAsInt(d);
        }
        for (Entry e : extra.values()) {
            EnginePool p = e.poolIfBuilt();
            if (p != null) {
                n += f.applyAsInt(p);
            }
        }
        return n;
    }

    /** Number of pools loaded. */
    synchronized int pools() {
        int n = ready() ? 1 : 0;
        for (Entry e : extra.values()) {
            if (e.poolIfBuilt() != null) {
                n++;
            }
        }
        return n;
    }

    /** Closes every pool; engines still lent out close when they come back. */
    @Override
    public void close() {
        if (reaper != null) {
            reaper.shutdownNow();
        }
        List<Entry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(extra.values());
            extra.clear();
        }
        all.add(defaultEntry);
        for (Entry e : all) {
            e.closePool();
        }
    }
}
