package dev.vigil.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One sampled, encoded camera frame, ready to become a {@code vigil.frames} record.
 *
 * @param cameraId   the camera it came from (the Kafka key later)
 * @param sequence   per-camera sequence number, starting at 0 for each capture run, without gaps
 * @param eventTime  capture time on the camera's clock (presentation time mapped to wall-clock)
 * @param ingestTime when vigil produced this value
 * @param width      width of {@code jpeg} in pixels
 * @param height     height of {@code jpeg} in pixels
 * @param jpeg       the frame, JPEG-encoded
 * @param thumbnail  a small JPEG of the same image, for dashboards and evidence lists
 */
public record CapturedFrame(
        String cameraId,
        long sequence,
        Instant eventTime,
        Instant ingestTime,
        int width,
        int height,
        byte[] jpeg,
        byte[] thumbnail) {

    public CapturedFrame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(ingestTime, "ingestTime");
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(thumbnail, "thumbnail");
        if (sequence < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("sequence must be >= 0 and the size positive");
        }
    }

    // Arrays compare by identity in generated record methods; a frame is its bytes, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedFrame f
                && cameraId.equals(f.cameraId) && sequence == f.sequence
                && eventTime.equals(f.eventTime) && ingestTime.equals(f.ingestTime)
                && width == f.width && height == f.height
                && Arrays.equals(jpeg, f.jpeg) && Arrays.equals(thumbnail, f.thumbnail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cameraId, sequence, eventTime, ingestTime, width, height,
                Arrays.hashCode(jpeg), Arrays.hashCode(thumbnail));
    }

    @Override
    public String toString() {
        return "CapturedFrame[" + cameraId + " #" + sequence + " @" + eventTime + " " + width + "x" + height
                + " jpeg=" + jpeg.length + "B thumb=" + thumbnail.length + "B]";
    }
}
