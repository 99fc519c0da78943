package dev.ocrcli.util;

import java.util.concurrent.ExecutionException;

/** What a task run on another thread threw, handed back to the thread that waited for it. */
public final class Futures {
    private Futures() {}

    /**
     * The exception {@code e} wraps, for the caller to rethrow as its own: an {@link Error} is
     * thrown from here as it is, and a cause that is neither (or none) comes back as an
     * {@link IllegalStateException}.
     */
    public static Exception cause(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Exception ex) {
            return ex;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(c);
    }
}
