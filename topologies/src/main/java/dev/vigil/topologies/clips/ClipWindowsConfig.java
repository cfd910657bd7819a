package dev.vigil.topologies.clips;

import dev.vigil.schema.TopicSpec;

import java.time.Duration;

/**
 * Settings of the clip windows.
 *
 * @param grace             how long after a clip's end (in event time) its late frames are still accepted
 * @param silence           how long (wall clock) a camera may send nothing before its open clips are closed
 * @param punctuateInterval how often (wall clock) silent cameras are looked for
 * @param futureTolerance   how far ahead of this instance's clock a frame's event time may be (camera clocks
 *                          drift); a frame further ahead is dead-lettered, since its clip would carry a timestamp
 *                          the broker may refuse
 * @param maxAge            how far behind the clock a frame's event time may be; older frames are dead-lettered,
 *                          as their clips would be deleted by retention as soon as they are written
 */
public record ClipWindowsConfig(Duration grace, Duration silence, Duration punctuateInterval,
                                Duration futureTolerance, Duration maxAge) {
    public ClipWindowsConfig {
        if (grace.isNegative() || silence.isNegative() || punctuateInterval.isZero() || punctuateInterval.isNegative()) {
            throw new IllegalArgumentException("clip windows: grace and silence must be >= 0 and the punctuate interval > 0");
        }
        if (futureTolerance.isNegative() || maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("clip windows: the future tolerance must be >= 0 and the maximum age > 0, got "
                    + futureTolerance + " and " + maxAge);
        }
    }

    /**
     * No grace: a camera's clip closes as soon as its first frame of the next clip arrives. Each camera's frames
     * reach the topology in order (ingest's sampler only emits frames whose event time advances; one idempotent
     * producer per camera, keyed by camera), so a frame can only be late if two ingest instances write the same
     * camera at once, and such frames are dead-lettered with the reason, not lost. Every second of grace would be
     * a second added to capture→queryable latency for every frame. 5 s of silence closes a dead camera's clips.
     * Event times may run 5 minutes ahead of the clock (far inside the broker's hour) and be up to 24 h old (the
     * retention of {@code vigil.frames} and {@code vigil.clips}).
     */
    public static ClipWindowsConfig defaults() {
        return new ClipWindowsConfig(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofHours(24));
    }

    /**
     * These settings, once checked against the topic the clips go to.
     *
     * @throws IllegalArgumentException if a clip of an accepted frame could carry a timestamp the broker refuses,
     *                                  or frames older than the topic keeps records would be accepted
     */
    public ClipWindowsConfig checkedAgainst(TopicSpec clips) {
        if (futureTolerance.toMillis() >= clips.timestampAfterMaxMs()) {
            throw new IllegalArgumentException("clip windows: the future tolerance " + futureTolerance + " must be below "
                    + clips.name() + "'s " + TopicSpec.TIMESTAMP_AFTER_MAX + " (" + clips.timestampAfterMaxMs()
                    + " ms), or the broker refuses clips of accepted frames");
        }
        if (maxAge.toMillis() > clips.retentionMs()) {
            throw new IllegalArgumentException("clip windows: the maximum frame age " + maxAge + " must not exceed "
                    + clips.name() + "'s retention (" + clips.retentionMs() + " ms)");
        }
        return this;
    }
}
