package dev.vigil.ingest;

/**
 * Where a {@link CaptureLoop} hands its frames: the Kafka producer in production, a list in tests
 * ({@code frames::add} fits, since {@code List.add} returns true).
 *
 * <p>A sink may refuse a frame (Kafka is slow, the frame is too large); it then returns false and has
 * already counted and logged why. Refusing is how backpressure reaches the camera: the loop goes on
 * sampling, so a slow Kafka thins the stream evenly instead of filling a buffer.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * Takes {@code frame}, or refuses it; true if taken. Never blocks for long, except for a source paced by its
     * reader ({@link CameraSource#pacedByReader()}), which waits here for Kafka instead of losing frames.
     */
    boolean offer(CapturedFrame frame);

    /**
     * Hears that {@code frame} was dropped before it could be offered, and why (its JPEG alone is over the record
     * limit). The Kafka sink writes a small dead letter with the reason to {@code vigil.dlq}; a sink without a
     * dead-letter queue (a list in a test) has nothing to do.
     */
    default void dropped(CapturedFrame frame, String reason) {
    }
}
