package dev.ocrcli.lang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a {@code .traineddata} file contains, read from its table of contents: whether it has
 * the legacy engine's components, the LSTM network, or both. Used to refuse an {@code --oem}
 * the models cannot run, and to reject a file that is not a model at all.
 *
 * @param hasLegacy the legacy (Tesseract 3) classifier is present
 * @param hasLstm   the LSTM recogniser is present
 */
public record ModelInfo(boolean hasLegacy, boolean hasLstm) {
    /** Index of the legacy classifier templates in Tesseract's {@code TessdataType}. */
    private static final int INTTEMP = 3;
    /** Index of the LSTM network. */
    private static final int LSTM = 17;
    /** Tesseract 5 knows 24 component types; a file claiming far more is not a model. */
    private static final int MAX_ENTRIES = 64;

    /**
     * Reads the table of contents.
     *
     * @throws IOException when the file is not a Tesseract model
     */
    public static ModelInfo read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4 + 8 * MAX_ENTRIES);
            long size = Files.size(file);
            if (head.length < 4) {
                throw new IOException("too short to be a traineddata file");
            }
            ByteBuffer bb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int n = bb.getInt();
            if (n <= 0 || n > MAX_ENTRIES || head.length < 4 + 8 * n) {
                throw new IOException("not a traineddata file (bad table of contents)");
            }
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = bb.getLong();
                if (offsets[i] < -1 || offsets[i] >= size) {
                    throw new IOException("not a traineddata file (offset out of range)");
                }
            }
            boolean legacy = n > INTTEMP && offsets[INTTEMP] > 0;
            boolean lstm = n > LSTM && offsets[LSTM] > 0;
            if (!legacy && !lstm) {
                throw new IOException("traineddata file holds no recogniser");
            }
            return new ModelInfo(legacy, lstm);
        }
    }
}
