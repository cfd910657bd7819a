package dev.vigil.ingest.ffmpeg;

/** How a file (not a live stream) is played. */
public enum Pacing {
    /** At the file's own rate, as if it were a live camera. */
    REALTIME,
    /** As fast as the consumer reads. */
    AS_FAST_AS_CONSUMED
}
