package dev.vigil.ingest;

/** Opens the {@link FrameSink} of each camera; the Kafka frame producer is the one in production. */
@FunctionalInterface
public interface FrameSinks {

    /**
     * The sink for camera {@code cameraId}.
     *
     * @param url    where the camera's frames come from (only its redacted form may be used)
     * @param meters the camera's meters, for what the sink counts (drops, acknowledgements)
     * @param wait   whether a full in-flight budget should make the camera wait (a source paced by its reader)
     *               rather than drop the frame (a live source)
     */
    FrameSink forCamera(String cameraId, RedactedUrl url, CameraMeters meters, boolean wait);
}
