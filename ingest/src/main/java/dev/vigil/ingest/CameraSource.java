package dev.vigil.ingest;

import java.util.Optional;

/**
 * A camera: something that yields decoded frames with capture times, one reader thread at a time.
 *
 * <p>Usage (what the producer loop does; see {@link CaptureLoop}):
 * <pre>{@code
 * try (CameraSource source = CameraSources.open(id, url, options, clock)) {
 *     Optional<SourceFrame> frame;
 *     while ((frame = source.read()).isPresent()) {
 *         ... use frame.get() before the next read ...
 *     }
 *     // source.state() now says why it stopped: ENDED or FAILED (with lastError)
 * }
 * }</pre>
 *
 * <p>{@link #read()} never throws for stream problems: it opens the stream on first use, reconnects as its
 * policy says (state RECONNECTING, then LIVE), skips and counts undecodable frames, and returns empty only
 * when no frame will ever come again. {@link #close()} may be called from another thread to stop a reader.
 */
public interface CameraSource extends AutoCloseable {

    /** The camera's id. */
    String cameraId();

    /** A log-safe description of where the frames come from (credentials removed). */
    String describe();

    /**
     * The next decoded frame, blocking as long as it takes (including reconnects); empty when the source
     * has ended, failed for good, or was closed. The returned picture is valid until the next call.
     */
    Optional<SourceFrame> read();

    /** The current state and its observers. */
    CameraStateChannel stateChannel();

    /** The current state. */
    default CameraState state() {
        return stateChannel().current();
    }

    /** The source's own counters (decode errors, reconnects). */
    SourceCounters counters();

    /**
     * Whether the source waits for its reader: a file or synthetic scene played as fast as the pipeline takes it.
     * Such a source is slowed down when Kafka is slow; a live one (a camera, a real-time replay) runs on its own
     * clock, so under backpressure its frames are dropped by sampling instead.
     */
    default boolean pacedByReader() {
        return false;
    }

    /**
     * How much of a finite source (a file, a synthetic scene of fixed duration) has been read, from 0 to 1;
     * empty for live sources and while unknown. For progress bars.
     */
    default java.util.OptionalDouble progress() {
        return java.util.OptionalDouble.empty();
    }

    /** Stops the source and releases native resources; idempotent, safe from any thread. */
    @Override
    void close();
}
