package dev.vigil.ingest.synthcam;

/** Where synthetic cameras report their ground-truth events. */
@FunctionalInterface
public interface GroundTruthSink {

    /** Records one event of camera {@code cameraId}; called on that camera's source thread. */
    void record(String cameraId, GroundTruthEvent event);

    /** A sink that drops everything. */
    static GroundTruthSink discard() {
        return (camera, event) -> { };
    }

    /** This sink, then {@code next}. */
    default GroundTruthSink andThen(GroundTruthSink next) {
        return (camera, event) -> {
            record(camera, event);
            next.record(camera, event);
        };
    }
}
