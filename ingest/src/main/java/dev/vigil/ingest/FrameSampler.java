package dev.vigil.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides which frames to keep, by event time, on a fixed grid: tick {@code k} lies at
 * {@code start + k / fps}, where {@code start} is the event time of the first frame offered, and the
 * sampler keeps the first frame at or after each tick.
 *
 * <p>Why a grid and not "one frame per interval since the last kept one": the latter drifts late by up to
 * a frame interval per kept frame (hours of 29.97 fps add up), and after a stall a catching-up stream
 * would be sampled in a burst. On the grid each tick is computed from {@code k}, never accumulated, so
 * there is no drift; ticks that pass without any frame (an outage) are skipped, never made up.
 * Frames whose time does not advance are rejected.
 */
public final class FrameSampler {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double fps;
    private Instant start;
    private long nextTick;
    private Instant lastOffered;

    /** @param fps frames to keep per second of event time; positive */
    public FrameSampler(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        this.fps = fps;
    }

    /** The configured rate. */
    public double fps() {
        return fps;
    }

    /** True if the frame at {@code eventTime} is to be kept; call once per frame, in stream order. */
    public boolean keep(Instant eventTime) {
        if (lastOffered != null && !eventTime.isAfter(lastOffered)) {
            return false;
        }
        lastOffered = eventTime;
        if (start == null) {
            start = eventTime;
            nextTick = 1;
            return true;
        }
        long sinceStart = nanosSinceStart(eventTime);
        if (sinceStart < tickNanos(nextTick)) {
            return false;
        }
        // The first tick strictly after this frame; several ticks may have passed during a gap.
        long k = (long) Math.floor(sinceStart * fps / NANOS_PER_SECOND) + 1;
        while (tickNanos(k) <= sinceStart) {
            k++;
        }
        while (k > nextTick && tickNanos(k - 1) > sinceStart) {
            k--;
        }
        nextTick = k;
        return true;
    }

    /** The grid tick time for {@code k}; exact from {@code k}, so errors never accumulate. */
    private long tickNanos(long k) {
        return Math.round(k * (NANOS_PER_SECOND / fps));
    }

    private long nanosSinceStart(Instant t) {
        Duration d = Duration.between(start, t);
        return d.getSeconds() * NANOS_PER_SECOND + d.getNano();
    }
}
