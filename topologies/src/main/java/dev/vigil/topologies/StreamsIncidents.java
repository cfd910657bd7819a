package dev.vigil.topologies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong in one Kafka Streams application: stream threads replaced after a failure, and records the
 * last-resort handlers let pass ({@link SkippedRecordHandlers}). A thread that is replaced now and then is
 * healthy; one replaced again and again is a crash loop, which health reports as such. Thread-safe: stream
 * threads, producer callbacks and health checks use it at once.
 */
public final class StreamsIncidents {
    /** The key under which the application's handlers find this object in their configuration. */
    public static final String CONFIG_KEY = "vigil.streams.incidents";

    private final String application;
    private final Clock clock;
    private final Duration window;
    private final int loopingReplacements;
    private final Deque<Instant> replacements = new ArrayDeque<>();
    private final AtomicLong skipped = new AtomicLong();
    private volatile String lastFailure;

    /**
     * @param window              how far back thread replacements count
     * @param loopingReplacements this many replacements within the window is a crash loop
     */
    public StreamsIncidents(String application, Clock clock, Duration window, int loopingReplacements) {
        if (loopingReplacements < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("streams incidents: need a positive window and threshold");
        }
        this.application = application;
        this.clock = clock;
        this.window = window;
        this.loopingReplacements = loopingReplacements;
    }

    /** Three replacements within five minutes are a loop: a healthy application replaces none. */
    public static StreamsIncidents standard(String application) {
        return new StreamsIncidents(application, Clock.systemUTC(), Duration.ofMinutes(5), 3);
    }

    public String application() {
        return application;
    }

    /** A stream thread died of {@code failure} and was replaced. */
    public void threadReplaced(Throwable failure) {
        lastFailure = String.valueOf(failure);
        synchronized (replacements) {
            replacements.addLast(clock.instant());
            forgetOld();
        }
    }

    /** A last-resort handler let a record pass (not sent, or not processed). */
    public void recordSkipped(Exception failure) {
        skipped.incrementAndGet();
        lastFailure = String.valueOf(failure);
    }

    /** Records the last-resort handlers let pass since start. */
    public long skippedRecords() {
        return skipped.get();
    }

    /** Null unless the application's threads keep failing; then what it does, for health. */
    public String looping() {
        int recent;
        synchronized (replacements) {
            forgetOld();
            recent = replacements.size();
        }
        return recent < loopingReplacements ? null : application + " is looping: " + recent
                + " stream threads failed and were replaced in the last " + window.toMinutes() + " min (last: "
                + lastFailure + ")";
    }

    private void forgetOld() {
        Instant since = clock.instant().minus(window);
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(since)) {
            replacements.removeFirst();
        }
    }
}
