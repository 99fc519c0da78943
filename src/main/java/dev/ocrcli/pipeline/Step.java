package dev.ocrcli.pipeline;

/**
 * One named stage of the pipeline. Every step has the same shape: a cheap measurement of the page
 * (or of what was read on it), a decision from that measurement, the work when the decision says
 * so, and the same report ({@code preprocessing} in the JSON output: the name, whether it acted,
 * what it measured and did, how long it took). A clean page passes through untouched.
 *
 * <p>There are two kinds: {@link ImageStep}s work on the image before recognition,
 * {@link ReadingStep}s on what was read (they may ask for other readings of the page through
 * {@link Readings}). {@link Steps} lists them all, in pipeline order.
 */
public interface Step {
    /** The name used on the command line ({@code --preprocess deskew,rescale}) and in reports. */
    String name();
}
