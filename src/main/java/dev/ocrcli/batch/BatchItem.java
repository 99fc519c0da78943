package dev.ocrcli.batch;

import java.nio.file.Path;

/**
 * One input of a batch.
 *
 * @param index    position in the batch, 0-based (results come out in this order)
 * @param label    how messages and results name it (the path as given, or {@code -})
 * @param path     the file, or null for standard input
 * @param relative where its outputs go under the output directory (the input's path relative to
 *                 the folder it was found in, or to the common parent of the files named)
 */
public record BatchItem(int index, String label, Path path, Path relative) {
    /** True for standard input. */
    public boolean isStdin() {
        return path == null;
    }
}
