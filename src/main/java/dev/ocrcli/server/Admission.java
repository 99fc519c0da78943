package dev.ocrcli.server;

import dev.ocrcli.util.Futures;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many OCR requests are inside the server and how many work at once.
 *
 * <ul>
 *   <li>At most {@code jobs + queue} requests are admitted (reading their body, waiting, working);
 *       the next is answered 503 {@code overloaded} at once.</li>
 *   <li>At most {@code jobs} do the work (decoding and recognising) at once, each on one of
 *       {@code jobs} engine threads; the others wait for a slot within their time budget, else
 *       504.</li>
 *   <li>A request is answered by the end of its budget whatever its work is doing (504). Work cut
 *       off keeps its slot until it has actually stopped (at the next page, or when the page's
 *       recognition reaches Tesseract's own deadline), so no more than {@code jobs} pieces of
 *       work ever run, answered or not.</li>
 * </ul>
 */
final class Admission implements AutoCloseable {
    private final int jobs;
    private final int queue;
    private final long timeoutMillis;
    private final Semaphore slots;
    /** The only threads that call into Tesseract: few native threads, so few malloc arenas and a flat RSS. */
    private final ExecutorService engineThreads;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger working = new AtomicInteger();

    Admission(int jobs, int queue, long timeoutMillis) {
        this.jobs = jobs;
        this.queue = queue;
        this.timeoutMillis = timeoutMillis;
        this.slots = new Semaphore(jobs, true);
        AtomicInteger threadNo = new AtomicInteger();
        this.engineThreads = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "ocr-engine-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One admitted request; close it when the request is answered. */
    final class Ticket implements AutoCloseable {
        private final long startNanos;
        private boolean closed;

        private Ticket(long startNanos) {
            this.startNanos = startNanos;
        }

        /** When the request began: its budget counts from here. */
        long startNanos() {
            return startNanos;
        }

        /** Milliseconds left of the budget ({@link Long#MAX_VALUE} without a timeout); may be negative. */
        long remainingMillis() {
            if (timeoutMillis == 0) {
                return Long.MAX_VALUE;
            }
            return timeoutMillis - (System.nanoTime() - startNanos) / 1_000_000;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                admitted.decrementAndGet();
            }
        }
    }

    /**
     * Admits a request that began at {@code startNanos}.
     *
     * @throws ApiError 503 {@code overloaded} when {@code jobs + queue} are already inside
     */
    Ticket admit(long startNanos) {
        if (admitted.incrementAndGet() > jobs + queue) {
            admitted.decrementAndGet();
            throw new ApiError(503, "overloaded", "server is busy: " + jobs + " working and " + queue + " waiting; retry later", 1);
        }
        return new Ticket(startNanos);
    }

    /**
     * Runs the work on an engine thread once a slot is free, and waits for it within what is left
     * of the ticket's budget.
     *
     * @throws ApiError 504 when no slot became free, or the work did not finish, within the budget;
     *                  503 when the server is stopping
     */
    <T> T run(Ticket ticket, Callable<T> work) throws Exception {
        long left = ticket.remainingMillis();
        waiting.incrementAndGet();
        boolean got;
        try {
            got = left > 0 && (left == Long.MAX_VALUE ? acquire() : slots.tryAcquire(left, TimeUnit.MILLISECONDS));
        } finally {
            waiting.decrementAndGet();
        }
        if (!got) {
            throw timeout("no engine became free within the " + timeoutMillis + " ms request timeout");
        }
        Job<T> job = new Job<>(work);
        try {
            engineThreads.execute(job);
        } catch (RejectedExecutionException e) {
            slots.release();
            throw new ApiError(503, "shutting_down", "server is shutting down", 1);
        }
        try {
            left = ticket.remainingMillis();
            return left == Long.MAX_VALUE ? job.result.get() : job.result.get(Math.max(0, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel();
            throw timeout("the request did not finish within the " + timeoutMillis + " ms request timeout");
        } catch (InterruptedException e) {
            job.cancel();
            throw e;
        } catch (ExecutionException e) {
            throw Futures.cause(e);
        }
    }

    private boolean acquire() throws InterruptedException {
        slots.acquire();
        return true;
    }

    private static ApiError timeout(String message) {
        return new ApiError(504, "timeout", message);
    }

    /** Work on an engine thread; gives its slot back when it has really stopped. */
    private final class Job<T> implements Runnable {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Callable<T> work;
        private Thread runner;
        private boolean cancelled;

        Job(Callable<T> work) {
            this.work = work;
        }

        @Override
        public void run() {
            try {
                synchronized (this) {
                    if (cancelled) {
                        return;
                    }
                    runner = Thread.currentThread();
                }
                working.incrementAndGet();
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    working.decrementAndGet();
                    synchronized (this) {
                        runner = null;
                    }
                    Thread.interrupted(); // a cancel's interrupt stays with this job
                }
            } finally {
                slots.release();
            }
        }

        /** The answer is gone: stop waiting for engines (pages are also cut off by the document's deadline). */
        synchronized void cancel() {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /** Requests admitted and not yet answered. */
    int admitted() {
        return admitted.get();
    }

    /** Requests waiting for a slot. */
    int waiting() {
        return waiting.get();
    }

    /** Pieces of work running now (answered or not). */
    int working() {
        return working.get();
    }

    /** Lets running work finish; no new work starts. */
    @Override
    public void close() {
        engineThreads.shutdown();
    }
}
