package dev.vigil.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a camera's frames are measured to do, as opposed to what it is configured to do: how many decoded
 * frames came in per second over the last {@link #WINDOW} (one-second buckets on the wall clock), and the
 * event time of the newest frame handed to the producer, hence its age. Shared by every
 * {@link CameraMeters} of one camera; written by the camera's thread, read from any thread.
 */
public final class FrameFlow {

    /** The span the rate is measured over. */
    public static final Duration WINDOW = Duration.ofSeconds(10);

    private static final int BUCKETS = (int) WINDOW.toSeconds();

    private final Clock clock;
    private final long[] counts = new long[BUCKETS];
    private final long[] seconds = new long[BUCKETS];
    /** When the first frame came in (the rate is measured from then); -1 before. */
    private long firstMillis = -1;
    private volatile Instant newestEventTime;

    /** Measures from now on {@code clock}. */
    public FrameFlow(Clock clock) {
        this.clock = clock;
    }

    /** A decoded frame came in now. */
    public synchronized void frameIn() {
        long nowMillis = clock.millis();
        if (firstMillis < 0) {
            firstMillis = nowMillis;
        }
        long second = Math.floorDiv(nowMillis, 1000);
        int i = (int) Math.floorMod(second, BUCKETS);
        if (seconds[i] != second) {
            seconds[i] = second;
            counts[i] = 0;
        }
        counts[i]++;
    }

    /** A frame with event time {@code eventTime} went to the producer. */
    public void frameOut(Instant eventTime) {
        Instant before = newestEventTime;
        if (before == null || eventTime.isAfter(before)) {
            newestEventTime = eventTime;
        }
    }

    /**
     * Decoded frames per second over the last {@link #WINDOW} (or since the first frame, if that is shorter;
     * the current, incomplete second counts in proportion); 0 before the first half second of frames.
     */
    public synchronized double framesInPerSecond() {
        long nowMillis = clock.millis();
        long now = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (seconds[i] > now - BUCKETS && seconds[i] <= now) {
                total += counts[i];
            }
        }
        // The window is the last BUCKETS-1 whole seconds plus the part of the current second gone by.
        double span = (BUCKETS - 1) + (nowMillis - now * 1000) / 1000.0;
        if (firstMillis < 0) {
            return 0;
        }
        double measured = (nowMillis - firstMillis) / 1000.0;
        double seconds = Math.min(span, measured);
        return seconds < 0.5 ? 0 : total / seconds;
    }

    /** The event time of the newest frame handed to the producer, if any. */
    public Optional<Instant> newestEventTime() {
        return Optional.ofNullable(newestEventTime);
    }

    /** Wall clock minus the newest frame's event time; empty before the first frame. */
    public Optional<Duration> newestFrameAge() {
        Instant t = newestEventTime;
        return t == null ? Optional.empty() : Optional.of(Duration.between(t, clock.instant()));
    }
}
