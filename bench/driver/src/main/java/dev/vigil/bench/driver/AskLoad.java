package dev.vigil.bench.driver;

import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.MemoryUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks TokenMemory questions while the cameras stream, without an LLM: a top-10 {@link SimilarityQuery} over
 * every camera with a seeded random embedding, through {@link MemoryQueries#similarLocal} — the store query
 * path of the API's {@code ask} (the HTTP layer and the text tower are not in the measured time).
 */
final class AskLoad implements AutoCloseable {
    private final MemoryQueries memory;
    private final int dim;
    private final Duration lookBack;
    private final Clock clock;
    private final Random random = new Random(42);
    private final ScheduledExecutorService timer;
    private final List<Double> millis = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /**
     * @param dim      frame-embedding width of the running model
     * @param lookBack how far back in event time the question reaches
     */
    AskLoad(MemoryQueries memory, int dim, Duration lookBack, Clock clock) {
        this.memory = memory;
        this.dim = dim;
        this.lookBack = lookBack;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-ask-load");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks {@code perSecond} questions a second (at most one at a time) until closed. */
    void start(double perSecond) {
        if (perSecond > 0) {
            long period = Math.max(1, Math.round(1e6 / perSecond));
            timer.scheduleAtFixedRate(this::askOnce, period, period, TimeUnit.MICROSECONDS);
        }
    }

    private void askOnce() {
        float[] embedding = new float[dim];
        for (int i = 0; i < dim; i++) {
            embedding[i] = (float) random.nextGaussian();
        }
        long now = clock.millis();
        SimilarityQuery query = SimilarityQuery.allCameras(embedding, now - lookBack.toMillis(), now, 10);
        long t0 = System.nanoTime();
        try {
            memory.similarLocal(query);
            millis.add((System.nanoTime() - t0) / 1e6);
        } catch (MemoryUnavailableException starting) {
            unavailable.incrementAndGet();
        } catch (RuntimeException e) {
            // a failed question is counted, not fatal: the benchmark reports how many there were
            failed.incrementAndGet();
        }
    }

    List<Double> latenciesMillis() {
        return List.copyOf(millis);
    }

    /** Questions answered "not available" (rebalancing, restoring). */
    int unavailable() {
        return unavailable.get();
    }

    /** Questions that failed otherwise. */
    int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
