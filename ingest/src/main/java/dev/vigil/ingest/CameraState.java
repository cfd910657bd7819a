package dev.vigil.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * What a camera source is doing now.
 *
 * @param phase     the connection phase
 * @param lastError the last error seen (credentials already redacted), or {@code null} if none yet
 * @param frozen    true while the picture has not changed for longer than the freeze threshold
 * @param since     when the source entered this phase (or changed its frozen flag)
 */
public record CameraState(Phase phase, String lastError, boolean frozen, Instant since) {

    /** Connection phases of a camera source. */
    public enum Phase {
        /** Opening the stream for the first time. */
        CONNECTING,
        /** Frames are flowing. */
        LIVE,
        /**
         * Connected, but no frame came for the watchdog bound ({@code FfmpegOptions.stallAfter}): the blocked read
         * was interrupted and the stream is being reopened at once (then LIVE again, or RECONNECTING if that fails).
         */
        STALLED,
        /** The stream was lost or could not be opened; waiting for the next attempt. */
        RECONNECTING,
        /** Given up: a permanent error (bad scheme, missing file, no video) or attempts exhausted. */
        FAILED,
        /** Finished normally: the end of a file or synthetic scene, or the source was closed. */
        ENDED
    }

    public CameraState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
    }

    /** The state of a source that has not opened yet. */
    public static CameraState connecting(Instant now) {
        return new CameraState(Phase.CONNECTING, null, false, now);
    }

    /** A new phase, keeping the last error unless {@code error} is given. A phase change clears the frozen flag. */
    public CameraState to(Phase next, String error, Instant now) {
        return new CameraState(next, error != null ? error : lastError, false, now);
    }

    /** The same phase with the frozen flag set or cleared. */
    public CameraState withFrozen(boolean isFrozen, Instant now) {
        return new CameraState(phase, lastError, isFrozen, now);
    }

    /** True when no more frames will come: {@link Phase#FAILED} or {@link Phase#ENDED}. */
    public boolean isTerminal() {
        return phase == Phase.FAILED || phase == Phase.ENDED;
    }
}
