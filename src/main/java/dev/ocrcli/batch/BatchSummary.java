package dev.ocrcli.batch;

/**
 * How a batch went.
 *
 * @param ok           inputs recognised and written
 * @param failed       inputs that failed
 * @param skipped      inputs left out because their outputs existed
 * @param pages        pages recognised
 * @param millis       wall time
 * @param firstFailure the failure of the first failed input in input order, null when none failed
 */
public record BatchSummary(int ok, int failed, int skipped, long pages, long millis, Throwable firstFailure) {
    public int total() {
        return ok + failed + skipped;
    }
}
