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

    /** A frame was decoded and handed out. */
    public void frameDecoded() { decoded.incrementAndGet(); }

    /** A frame (or packet) could not be decoded and was not handed out. */
    public void decodeError() { decodeErrors.incrementAndGet(); }

    /** The source lost its stream and opened it again (counted on each new attempt). */
    public void reconnect() { reconnects.incrementAndGet(); }

    /** A decoded frame was not handed out because its time did not advance (duplicate or going back). */
    public void discarded() { discarded.incrementAndGet(); }

    /** Frames decoded and handed out so far. */
    public long decoded() { return decoded.get(); }

    /** Undecodable frames so far. */
    public long decodeErrors() { return decodeErrors.get(); }

    /** Reconnect attempts so far. */
    public long reconnects() { return reconnects.get(); }

    /** Frames discarded for non-increasing time so far. */
    public long discardedFrames() { return discarded.get(); }
}
