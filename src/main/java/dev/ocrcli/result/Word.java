package dev.ocrcli.result;

/**
 * One recognised word.
 *
 * @param text       the word, UTF-8 text as recognised
 * @param confidence Tesseract's confidence, 0..100
 * @param box        where it is on the page
 */
public record Word(String text, double confidence, Box box) {
}
