package dev.ocrcli.result;

/**
 * One recognised character of a word and its box (kept only where a step asked for them).
 *
 * @param text       the character, as recognised (one or more code points)
 * @param confidence Tesseract's confidence, 0..100
 * @param box        where it is
 */
public record Glyph(String text, double confidence, Box box) {
}
