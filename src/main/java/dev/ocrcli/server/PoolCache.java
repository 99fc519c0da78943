package dev.ocrcli.server;

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
import java.util.function.ToIntFunction;

/**
 * Engine pools by language set and page segmentation mode: the default pool, loaded at start
 * and kept for the server's life, and at most {@code maxExtra} others, built on first use and
 * dropped least-recently-used first. A dropped pool is closed once the last request using it
 * is done ({@link Lease}s count the users), so no request ever sees a closed pool.
 */
final class PoolCache implements AutoCloseable {
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
        private volatile EnginePool pool;
        private RuntimeException failure;
        int users;
        boolean dropped;

        Entry(Key key) {
            this.key = key;
        }

        /** Builds the pool once; later callers wait for the first. */
        synchronized EnginePool pool() {
            if (pool == null && failure == null) {
                long t0 = System.nanoTime();
                try {
                    pool = new EnginePool(builder(key), jobs, recycleAfter);
                    log.info("engine pool {} ready: {} engine(s) in {} ms", key.label(), jobs, (System.nanoTime() - t0) / 1_000_000);
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
    private final int maxExtra;
    private final Entry defaultEntry;
    private final LinkedHashMap<Key, Entry> extra = new LinkedHashMap<>(8, 0.75f, true);
    private boolean closed;

    PoolCache(ServerConfig cfg) {
        this.factory = cfg.engines();
        this.maxPixels = cfg.maxPixels();
        this.timeoutMillis = cfg.timeoutMillis();
        this.jobs = cfg.jobs();
        this.recycleAfter = cfg.recycleAfter();
        this.maxExtra = cfg.extraPools();
        this.defaultEntry = new Entry(new Key(cfg.defaultLanguages(), cfg.defaultPsm()));
    }

    OcrEngine.Builder builder(Key key) {
        OcrEngine.Builder b = factory.builder(key.languages(), key.psm()).maxPixels(maxPixels).timeoutMillis(timeoutMillis);
        return key.preprocess() == null ? b : b.preprocess(key.preprocess());
    }

    Key defaultKey() {
        return defaultEntry.key;
    }

    /** Loads the default pool now (slow: every engine loads its models). */
    void warm() {
        defaultEntry.pool();
    }

    /** True once the default pool is loaded. */
    boolean ready() {
        return defaultEntry.poolIfBuilt() != null;
    }

    /**
     * Lends the pool for a key, building it if needed.
     *
     * @throws dev.ocrcli.OcrException LANGUAGE_MISSING or BAD_ARGUMENT when a language is not installed
     *                                 or the options do not fit the models
     */
    Lease acquire(Key key) {
        Entry e;
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("server is stopping");
            }
            if (key.equals(defaultEntry.key)) {
                e = defaultEntry;
            } else {
                e = extra.get(key);
                if (e == null) {
                    // Check the names before a pool can push a good one out of the cache.
                    TessdataLocator locator = TessdataLocator.standard(builder(key).options().tessdata());
                    for (String lang : key.languages()) {
                        if (!lang.equals("auto")) {  // --lang auto: the engine finds what it needs
                            locator.find(lang);
                        }
                    }
                    e = new Entry(key);
                    extra.put(key, e);
                    Iterator<Map.Entry<Key, Entry>> it = extra.entrySet().iterator();
                    while (extra.size() > maxExtra && it.hasNext()) {
                        Entry old = it.next().getValue();
                        if (old == e) {
                            continue;
                        }
                        it.remove();
                        old.dropped = true;
                        if (old.users == 0) {
                            toClose.add(old);
                        }
                        log.info("engine pool {} dropped (cache holds {})", old.key.label(), maxExtra);
                    }
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

    private void release(Entry e) {
        boolean close;
        synchronized (this) {
            e.users--;
            close = (e.dropped || closed) && e.users == 0 && e != defaultEntry;
        }
        if (close) {
            e.closePool();
        }
    }

    /** Language sets currently loaded, the default first. */
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

    /** Sum of a number over the built pools (busy engines, engine count). */
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

    /** Closes every pool; engines still lent out close when they come back. */
    @Override
    public void close() {
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
