package dev.ocrcli.spark;

import dev.ocrcli.engine.EnginePool;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of one executor JVM: a lazily filled {@link EnginePool} per set of engine options,
 * made by the first task that needs it and kept for every later task and partition. An engine is
 * built only when a task thread finds none idle, so there are never more engines than task threads
 * that ran at once (the executor's cores); each is used by one thread at a time.
 */
final class Engines {
    /** Upper bound only: a lazy pool builds an engine per concurrently borrowing task thread. */
    private static final int MAX_ENGINES = 256;
    private static final ConcurrentHashMap<String, EnginePool> POOLS = new ConcurrentHashMap<>();

    private Engines() {}

    static EnginePool pool(OcrOptions options) {
        EnginePool p = POOLS.get(options.engineKey());
        if (p != null) {
            return p;
        }
        return POOLS.computeIfAbsent(options.engineKey(), k -> {
            imagePlugins();
            return EnginePool.lazy(options.engine(), MAX_ENGINES, options.recycleAfter());
        });
    }

    /**
     * Under a class loader ImageIO's registry did not scan (an application jar added to an
     * executor after start), the TwelveMonkeys decoders are missing; scan for them once.
     */
    static synchronized void imagePlugins() {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        while (it.hasNext()) {
            if (it.next().getClass().getName().startsWith("com.twelvemonkeys.")) {
                return;
            }
        }
        ImageIO.scanForPlugins();
    }
}
