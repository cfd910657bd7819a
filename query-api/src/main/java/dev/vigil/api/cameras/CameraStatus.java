package dev.vigil.api.cameras;

/**
 * What ingest knows about a running camera.
 *
 * @param state         e.g. {@code streaming}, {@code connecting}, {@code failed}, {@code disabled}
 * @param fpsIn         frames per second read from the source, recent average
 * @param lagMillis     wall clock minus the event time of the last frame published
 * @param lastFrameTime event time of the last frame, epoch millis (0 = none yet)
 * @param problem       the last error, or null
 */
public record CameraStatus(String state, double fpsIn, long lagMillis, long lastFrameTime, String problem) {
    /** What the API reports when no ingest status is available for a camera. */
    public static CameraStatus unknown() {
        return new CameraStatus("unknown", 0, 0, 0, null);
    }
}
