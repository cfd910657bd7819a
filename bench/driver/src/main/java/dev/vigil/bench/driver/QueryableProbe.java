package dev.vigil.bench.driver;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.query.TimeRangeQuery;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.MemoryUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides when each clip becomes answerable: asks TokenMemory — through the pipeline's {@link MemoryQueries},
 * the interactive-query path the API uses — for every camera's entries newer than the newest it has seen,
 * every {@code interval}, and stamps each new raw entry with the wall-clock time of the query that first
 * returned it. The stamp is therefore late by at most one interval plus one round of queries.
 */
final class QueryableProbe implements AutoCloseable {
    private final MemoryQueries memory;
    private final List<String> cameras;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Long> newestStart = new HashMap<>();
    private final Map<String, Set<Long>> seen = new HashMap<>();
    private final List<QueryableClip> found = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    QueryableProbe(MemoryQueries memory, List<String> cameras, Duration interval, Clock clock) {
        this.memory = memory;
        this.cameras = List.copyOf(cameras);
        this.interval = interval;
        this.clock = clock;
        this.thread = new Thread(this::loop, "bench-queryable-probe");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long began = System.nanoTime();
            for (String camera : cameras) {
                poll(camera);
            }
            long sleep = interval.toNanos() - (System.nanoTime() - began);
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void poll(String camera) {
        long from = newestStart.getOrDefault(camera, 0L);
        List<MemoryEntry> entries;
        try {
            entries = memory.askLocal(camera, new TimeRangeQuery(camera, from, clock.millis() + Duration.ofDays(1).toMillis()));
        } catch (MemoryUnavailableException | IllegalStateException starting) {
            // not available yet, or the partition not present while Streams (re)assigns tasks: ask again later
            unavailable.incrementAndGet();
            return;
        }
        long now = clock.millis();
        Set<Long> known = seen.computeIfAbsent(camera, c -> new HashSet<>());
        for (MemoryEntry e : entries) {
            if (e.tier() == 0 && known.add(e.clipIndex())) {
                found.add(new QueryableClip(camera, e.clipIndex(), e.start(), e.end(), e.frameTimes().clone(),
                        e.tokens().count(), e.samplingStride(), e.keyframe() == null ? 0 : e.keyframe().length, now));
            }
            newestStart.merge(camera, e.start(), Math::max);
        }
    }

    /** Clips found so far. */
    List<QueryableClip> clips() {
        return List.copyOf(found);
    }

    /** Probe queries answered "not available" (rebalancing, restoring). */
    int unavailable() {
        return unavailable.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
