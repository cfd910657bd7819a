package dev.vigil.ingest.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.vigil.ingest.CameraState;

/**
 * What an ingest instance reports about one of its cameras: definition, capture state and counters, taken
 * at one moment (for {@code vigil ingest}'s progress lines and for the API's camera status, which {@code app}
 * derives from it). Holds no credentials: the URL is the redacted form.
 *
 * @param id             camera id
 * @param url            the URL with credentials removed
 * @param labels         the camera's labels
 * @param fps            sampling rate
 * @param enabled        false when the definition says to stop capturing
 * @param running        true while a capture thread runs for it
 * @param state          the source's state (connection phase, last error, frozen flag)
 * @param framesIn       decoded frames read
 * @param framesOut      sampled frames handed to the producer
 * @param framesProduced frames acknowledged by Kafka
 * @param framesDropped  sampled frames lost (backpressure, oversize, send or encode errors)
 * @param reconnects     reconnect attempts of the current source
 * @param decodeErrors   undecodable frames of the current source
 * @param nextSequence   the sequence number the next frame will get
 * @param progress       how much of a finite source (file, fixed-length scene) was read, 0..1; NaN for live ones
 * @param fpsIn          decoded frames per second, measured over the last 10 s (not the configured rate)
 * @param lastFrameTime  event time of the newest frame handed to the producer; null before the first
 * @param stalls         times the frame watchdog reopened the current source's stream
 * @param taken          when this snapshot was taken (wall clock), the reference for {@link #lag()}
 */
public record CameraSnapshot(String id, String url, Map<String, String> labels, double fps, boolean enabled,
                           boolean running, CameraState state, long framesIn, long framesOut, long framesProduced,
                           long framesDropped, long reconnects, long decodeErrors, long nextSequence, double progress,
                           double fpsIn, Instant lastFrameTime, long stalls, Instant taken) {

    public CameraSnapshot {
        labels = Map.copyOf(labels);
    }

    /** How far the newest frame's event time lies behind the wall clock; empty before the first frame. */
    public Optional<Duration> lag() {
        return lastFrameTime == null ? Optional.empty() : Optional.of(Duration.between(lastFrameTime, taken));
    }
}
