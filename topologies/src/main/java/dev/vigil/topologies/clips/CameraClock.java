package dev.vigil.topologies.clips;

import java.nio.ByteBuffer;

/**
 * What the clip windows remember per camera between frames: the camera's grid, how far event time has
 * come, and which clips are closed. Small and fixed-size, so the per-camera state never grows; the frames
 * themselves live in the window store.
 *
 * <p>Invariant: every clip with index {@code < openFrom} is closed (emitted or empty); frames for those
 * clips are late.
 *
 * @param grid            the grid chosen when the camera's first frame arrived (a config change applies
 *                        from the next restart of the camera's clock, never mid-clip)
 * @param openFrom        the lowest clip index that may still receive frames, or {@link Long#MIN_VALUE}
 *                        before the first frame
 * @param maxEventTimeMs  the latest event time seen
 * @param lastFrameWallMs wall-clock time the latest frame arrived, for closing clips of silent cameras
 */
record CameraClock(ClipGrid grid, long openFrom, long maxEventTimeMs, long lastFrameWallMs) {
    static final int BYTES = 8 + 4 + 8 + 8 + 8;

    static CameraClock first(ClipGrid grid, long eventTimeMs, long wallMs) {
        return new CameraClock(grid, grid.indexOf(eventTimeMs), eventTimeMs, wallMs);
    }

    boolean isLate(long eventTimeMs) {
        return grid.indexOf(eventTimeMs) < openFrom;
    }

    CameraClock observe(long eventTimeMs, long wallMs) {
        return new CameraClock(grid, openFrom, Math.max(maxEventTimeMs, eventTimeMs), wallMs);
    }

    CameraClock closedUpTo(long exclusiveIndex) {
        return new CameraClock(grid, Math.max(openFrom, exclusiveIndex), maxEventTimeMs, lastFrameWallMs);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(grid.durationMs()).putInt(grid.expectedFrames())
                .putLong(openFrom).putLong(maxEventTimeMs).putLong(lastFrameWallMs).array();
    }

    static CameraClock fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        ClipGrid grid = new ClipGrid(b.getLong(), b.getInt());
        return new CameraClock(grid, b.getLong(), b.getLong(), b.getLong());
    }
}
