package dev.vigil.topologies.clips;

import java.time.Duration;

/**
 * Settings of the clip windows.
 *
 * @param grace             how long after a clip's end (in event time) its late frames are still accepted
 * @param silence           how long (wall clock) a camera may send nothing before its open clips are closed
 * @param punctuateInterval how often (wall clock) silent cameras are looked for
 * @param defaultClipFrames K for cameras without a configuration on {@code vigil.cameras}
 * @param defaultFps        fps for cameras without a configuration
 */
public record ClipWindowsConfig(Duration grace, Duration silence, Duration punctuateInterval,
                                int defaultClipFrames, double defaultFps) {
    public ClipWindowsConfig {
        if (grace.isNegative() || silence.isNegative() || punctuateInterval.isZero() || punctuateInterval.isNegative()) {
            throw new IllegalArgumentException("clip windows: grace and silence must be >= 0 and the punctuate interval > 0");
        }
    }

    /**
     * No grace: a camera's clip closes as soon as its first frame of the next clip arrives. Each camera's frames
     * reach the topology in order (ingest's sampler only emits frames whose event time advances; one idempotent
     * producer per camera, keyed by camera), so a frame can only be late if two ingest instances write the same
     * camera at once, and such frames are dead-lettered with the reason, not lost. Every second of grace would be
     * a second added to capture→queryable latency for every frame. 5 s of silence closes a dead camera's clips.
     */
    public static ClipWindowsConfig defaults() {
        return new ClipWindowsConfig(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1), 4, 2.0);
    }
}
