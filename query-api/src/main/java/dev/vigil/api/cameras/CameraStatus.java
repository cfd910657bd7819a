package dev.vigil.api.cameras;

/**
 * What ingest knows about a running camera.
 *
 * @param state         {@code connecting}, {@code live}, {@code lagging} (live, but the newest frame is older than
 *                      three sampling intervals, at least 5 s), {@code stalled} (connected, no frame for the
 *                      watchdog bound: being reopened), {@code reconnecting}, {@code failed}, {@code ended},
 *                      {@code disabled}, or {@code unknown} when no ingest status is available
 * @param fpsIn         decoded frames per second read from the source, measured over the last 10 s
 * @param lagMillis     wall clock minus the event time of the newest frame handed to Kafka (0 = none yet)
 * @param lastFrameTime event time of the newest frame, epoch millis (0 = none yet)
 * @param problem       what is wrong now, or null (cleared once the camera is live again)
 */
public record CameraStatus(String state, double fpsIn, long lagMillis, long lastFrameTime, String problem) {
    /** What the API reports when no ingest status is available for a camera. */
    public static CameraStatus unknown() {
        return new CameraStatus("unknown", 0, 0, 0, null);
    }
}
