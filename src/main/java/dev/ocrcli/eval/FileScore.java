package dev.ocrcli.eval;

/**
 * The outcome for one page.
 *
 * @param item       the page
 * @param group      its group (see {@link Evaluation#groupOf}), or null
 * @param hypothesis the recognised text ("" when recognition failed)
 * @param text       CER and WER, when the page has text ground truth; null otherwise
 * @param words      word accuracy and precision, when the page has hOCR ground truth; null otherwise
 * @param error      why the page could not be recognised (it is then scored as empty output), or null
 * @param millis     time spent loading and recognising
 */
public record FileScore(EvalItem item, String group, String hypothesis, Cer.Score text, WordAccuracy.Score words,
                        String error, long millis) {
    public boolean failed() {
        return error != null;
    }
}
