package dev.ocrcli.eval;

import java.nio.file.Path;

/**
 * One page to evaluate: a name, its image (null when only ground truth was found) and its ground
 * truth, as text ({@code NAME.gt.txt}), as hOCR ({@code NAME.truth.hocr} or {@code NAME.hocr}), or both.
 */
public record EvalItem(String name, Path image, Path textTruth, Path hocrTruth) {}
