package dev.ocrcli.result;

/**
 * What one preprocessing step measured and did on one page.
 *
 * @param step    the step's name
 * @param applied whether it changed the image
 * @param detail  what it measured / did, for people
 * @param micros  time it took
 */
public record StepReport(String step, boolean applied, String detail, long micros) {
}
