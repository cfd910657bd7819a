package dev.vigil.state;

/**
 * What one camera's stream looks like, for {@link MemoryBound}.
 *
 * @param framesPerSecond    encoded frames per second of event time
 * @param framesPerClip      frames per clip (consecutive clips of a camera do not overlap)
 * @param tokensPerClip      merged tokens per raw clip
 * @param keyframeBytes      largest keyframe JPEG (at most the config's {@code maxKeyframeBytes})
 * @param temporalStateBytes size of the Avro-encoded temporal state (0 if none is stored)
 */
public record StreamShape(double framesPerSecond, int framesPerClip, int tokensPerClip, int keyframeBytes,
                          int temporalStateBytes) {
    public StreamShape {
        if (!(framesPerSecond > 0) || framesPerClip < 1 || tokensPerClip < 0 || keyframeBytes < 0
                || temporalStateBytes < 0) {
            throw new IllegalArgumentException("invalid stream shape: " + framesPerSecond + " fps, " + framesPerClip
                    + " frames/clip, " + tokensPerClip + " tokens/clip");
        }
    }

    /** Event-time length of one clip, rounded down to whole millis (so clip counts round up). */
    public long clipMillis() {
        return Math.max(1, (long) Math.floor(1000.0 * framesPerClip / framesPerSecond));
    }

    /** The most clip starts that fit in {@code millis} of event time (clips of a camera do not overlap). */
    long clipsIn(long millis) {
        return Math.max(0, millis) / clipMillis() + 1;
    }
}
