package dev.vigil.topologies.clips;

/**
 * A camera's fixed event-time grid of clips: clip {@code i} covers {@code [i·d, (i+1)·d)} milliseconds since the
 * epoch, with {@code d = K / fps}. Anchoring the grid at the epoch makes clip indices the same on every
 * instance and after every restart.
 *
 * @param durationMs     clip duration d in milliseconds
 * @param expectedFrames K, the frames a full clip holds
 */
public record ClipGrid(long durationMs, int expectedFrames) {
    public ClipGrid {
        if (durationMs <= 0 || expectedFrames <= 0) {
            throw new IllegalArgumentException("clip grid needs a positive duration and frame count, got "
                    + durationMs + " ms / " + expectedFrames + " frames");
        }
    }

    /** The grid of K frames at {@code fps} frames per second. */
    public static ClipGrid of(int clipFrames, double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        return new ClipGrid(Math.round(clipFrames * 1000.0 / fps), clipFrames);
    }

    public long indexOf(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, durationMs);
    }

    public long startOf(long index) {
        return index * durationMs;
    }

    /** Exclusive end. */
    public long endOf(long index) {
        return (index + 1) * durationMs;
    }
}
