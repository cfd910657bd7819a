package dev.vigil.api.cameras;

import java.util.Optional;

/**
 * Port to ingest: the live state of a camera. {@code cli} wires it to the ingest camera registry in
 * {@code vigil up}; an API instance without local ingest uses {@link #none()}.
 */
@FunctionalInterface
public interface CameraStatusSource {
    /** The camera's status, if this process knows it. Must answer quickly (it is called per camera per listing). */
    Optional<CameraStatus> status(String cameraId);

    /** No ingest in this process: every camera reports {@code unknown}. */
    static CameraStatusSource none() {
        return id -> Optional.empty();
    }
}
