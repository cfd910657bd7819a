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

    public static ClipWindowsConfig defaults() {
        return new ClipWindowsConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), 4, 2.0);
    }
}
