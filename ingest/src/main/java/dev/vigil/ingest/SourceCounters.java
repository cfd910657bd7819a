package dev.vigil.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a source has counted about its own stream; read by {@link IngestMetrics}. Written by the reading
 * thread only, read from any thread.
 */
public final class SourceCounters {
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();

    /** A frame was decoded and handed out. */
    public void frameDecoded() { decoded.incrementAndGet(); }

    /** A frame (or packet) could not be decoded and was not handed out. */
    public void decodeError() { decodeErrors.incrementAndGet(); }

    /** The source lost its stream and opened it again (counted on each new attempt). */
    public void reconnect() { reconnects.incrementAndGet(); }

    /**
     * A decoded frame was not handed out because its time did not advance: a duplicate, or a stale picture
     * from before the newest one (never re-stamped with the time it arrived).
     */
    public void discarded() { discarded.incrementAndGet(); }

    /** The frame watchdog fired: a connected stream gave no frame for the watchdog bound. */
    public void stall() { stalls.incrementAndGet(); }

    /** Times the frame watchdog fired so far. */
    public long stalls() { return stalls.get(); }

    /** Frames decoded and handed out so far. */
    public long decoded() { return decoded.get(); }

    /** Undecodable frames so far. */
    public long decodeErrors() { return decodeErrors.get(); }

    /** Reconnect attempts so far. */
    public long reconnects() { return reconnects.get(); }

    /** Frames discarded for non-increasing time so far. */
    public long discardedFrames() { return discarded.get(); }
}
