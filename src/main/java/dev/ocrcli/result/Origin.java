package dev.ocrcli.result;

/**
 * Where a word came from: which reading of the page found it and with which models, so a word
 * taken from a second reading can be told from the first reading's.
 *
 * @param reading the reading: {@code layout} (Tesseract's page layout, the first reading), or the
 *                name of the step whose reading it is ({@code sparse}, {@code orient}, {@code scripts},
 *                {@code letters}, ...)
 * @param models  the models that read it, as Tesseract names them ({@code eng+rus}, {@code engrusx})
 */
public record Origin(String reading, String models) {
    /** The first reading's name. */
    public static final String LAYOUT = "layout";

    /** A word of the first reading, read with these models. */
    public static Origin layout(String models) {
        return new Origin(LAYOUT, models);
    }

    @Override
    public String toString() {
        return reading + "/" + models;
    }
}
