package dev.ocrcli.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageReaderWriterSpi;
import javax.imageio.spi.ImageWriterSpi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sets up ImageIO once for every loader (images, PDFs, tiles): decoding in memory, and only the
 * plugins we mean to use. The JPEG 2000 plugin's jar (jai-imageio-core) also registers TIFF, BMP,
 * PNM, PCX, WBMP and raw readers; those would compete with TwelveMonkeys' and the JDK's for the
 * same files, so they are taken out of the registry; its JPEG 2000 and PNM (no other reader of
 * .pbm/.pgm/.ppm is on the class path) readers stay.
 */
final class ImageIOPlugins {
    private static final String UNWANTED = "com.github.jaiimageio.impl.plugins.";
    /** Where JJ2000's messages go (it would print them on stdout and stderr). */
    static final String JJ2000_LOGGER = "jj2000";

    static {
        ImageIO.setUseCache(false);
        quietJj2000();
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerApplicationClasspathSpis();
        List<ImageReaderWriterSpi> drop = new ArrayList<>();
        for (Class<? extends ImageReaderWriterSpi> category : List.of(ImageReaderSpi.class, ImageWriterSpi.class)) {
            Iterator<? extends ImageReaderWriterSpi> it = registry.getServiceProviders(category, false);
            while (it.hasNext()) {
                ImageReaderWriterSpi spi = it.next();
                String name = spi.getClass().getName();
                // PNM (.pbm/.pgm/.ppm) has no other reader here: that one stays
                if (name.startsWith(UNWANTED) && !name.startsWith(UNWANTED + "pnm.")) {
                    drop.add(spi);
                }
            }
        }
        for (ImageReaderWriterSpi spi : drop) {
            registry.deregisterServiceProvider(spi);
        }
    }

    private ImageIOPlugins() {}

    /** JJ2000 prints warnings about damaged codestreams on the standard streams; they go to slf4j instead. */
    private static void quietJj2000() {
        try {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JJ2000_LOGGER);
            jj2000.j2k.util.FacilityManager.registerMsgLogger(null, new jj2000.j2k.util.MsgLogger() {
                @Override
                public void printmsg(int severity, String msg) {
                    String line = msg == null ? "" : msg.replaceAll("\\s+", " ").trim();
                    if (severity >= jj2000.j2k.util.MsgLogger.WARNING) {
                        log.warn("JPEG 2000: {}", line);
                    } else {
                        log.debug("JPEG 2000: {}", line);
                    }
                }

                @Override
                public void println(String str, int flind, int ind) {
                    log.debug("JPEG 2000: {}", str);
                }

                @Override
                public void flush() {
                    // nothing buffered
                }
            });
        } catch (LinkageError e) {
            // the plugin is not on the class path: nothing to quieten
        }
    }

    /** Makes sure the set-up above has run (it runs once, on first call). */
    static void init() {
        // the static initialiser does the work
    }

    /** True when a JPEG 2000 decoder is registered. */
    static boolean jpeg2000() {
        init();
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg2000");
        return it.hasNext();
    }
}
