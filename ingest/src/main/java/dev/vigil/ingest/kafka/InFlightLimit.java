package dev.vigil.ingest.kafka;

/**
 * How much of one camera may be on its way to Kafka at once (sent, not yet acknowledged). Beyond it the
 * camera's frames are dropped, not queued: a slow Kafka thins the stream instead of growing a buffer.
 *
 * @param records frames at most
 * @param bytes   record bytes at most; one frame larger than this may still go when nothing else is in flight
 */
public record InFlightLimit(int records, long bytes) {

    public InFlightLimit {
        if (records < 1 || bytes < 1) {
            throw new IllegalArgumentException("in-flight limits must be positive: " + records + " records, "
                    + bytes + " bytes");
        }
    }

    /** 16 frames or 4 MiB per camera: seconds of frames at 2–10 fps, far more than a healthy broker needs. */
    public static InFlightLimit standard() {
        return new InFlightLimit(16, 4L << 20);
    }
}
