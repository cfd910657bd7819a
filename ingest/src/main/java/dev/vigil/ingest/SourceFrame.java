package dev.vigil.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * A decoded frame as a {@link CameraSource} hands it out.
 *
 * @param eventTime   capture time: the frame's presentation time mapped onto the wall clock
 *                    (strictly increasing per source)
 * @param streamMicros the presentation timestamp as the stream gave it, in microseconds
 * @param picture     the pixels; valid until the next read
 */
public record SourceFrame(Instant eventTime, long streamMicros, FramePicture picture) {
    public SourceFrame {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(picture, "picture");
    }
}
