package dev.ocrcli.util;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Class-path resources: listing a folder and extracting a file to the cache, atomically. */
public final class Resources {
    private Resources() {}

    private static ClassLoader loader() {
        return Resources.class.getClassLoader();
    }

    public static boolean exists(String name) {
        return loader().getResource(name) != null;
    }

    /** File names directly inside the resource folder {@code prefix} (ending with '/'), over the whole class path. */
    public static List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader().getResources(prefix);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                URLConnection c = url.openConnection();
                if (c instanceof JarURLConnection jc) {
                    JarFile jar = jc.getJarFile();
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                        String n = en.nextElement().getName();
                        if (n.startsWith(prefix) && n.length() > prefix.length() && n.indexOf('/', prefix.length()) < 0) {
                            addOnce(names, n.substring(prefix.length()));
                        }
                    }
                } else if ("file".equals(url.getProtocol())) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(url.toURI()))) {
                        for (Path p : ds) {
                            if (Files.isRegularFile(p)) {
                                addOnce(names, p.getFileName().toString());
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            // an unlistable resource folder simply contributes nothing
        }
        return names;
    }

    private static void addOnce(List<String> names, String n) {
        if (!names.contains(n)) {
            names.add(n);
        }
    }

    /**
     * Copies a resource to {@code <cache>/<subdir>/<content id>/<file name>} once and returns that
     * path; concurrent callers in other JVMs see either nothing or the complete file.
     *
     * @param name a resource that {@link #exists} (a bundled file that is missing is a bug)
     * @throws IllegalStateException when the resource is missing
     * @throws OcrException of kind OUTPUT_FAILED when the copy cannot be written to the cache
     */
    public static Path extractToCache(String name, String subdir) {
        URL url = loader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing bundled resource " + name);
        }
        try {
            URLConnection c = url.openConnection();
            long size;
            String id;
            if (c instanceof JarURLConnection jc) {
                JarEntry e = jc.getJarEntry();
                size = e.getSize();
                id = Long.toHexString(e.getCrc()) + "-" + size;
            } else {
                size = c.getContentLengthLong();
                id = Long.toHexString(c.getLastModified()) + "-" + size;
            }
            String file = name.substring(name.lastIndexOf('/') + 1);
            Path dir = AppDirs.cache().resolve(subdir).resolve(id);
            Path target = dir.resolve(file);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file, ".tmp");
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException ex) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new OcrException(Kind.OUTPUT_FAILED, "cannot extract " + name + " to the cache: " + e.getMessage(), e);
        }
    }
}
