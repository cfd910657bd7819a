package dev.vigil.topologies.watch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A standing question: evaluated on every new clip of its cameras; a clip whose best frame is at least
 * {@code threshold} similar to the question raises an alert, at most once per {@code cooldownMillis} per camera.
 *
 * <p>The question is embedded once, when the watch is created (by the query API, which owns the text tower),
 * so the topology only compares vectors and never needs the model.
 *
 * @param id             the watch id (the key on {@code vigil.watches})
 * @param question       the question as the user wrote it, for alerts and listings
 * @param cameras        the camera ids watched; an empty list means every camera
 * @param embedding      the question's embedding, in the frame-embedding space of {@code modelId}
 * @param modelId        the model bundle whose space the embedding is in; clips of another model are skipped
 * @param threshold      minimum cosine similarity that fires
 * @param cooldownMillis minimum event time between two alerts of this watch on one camera
 * @param createdBy      the API key id that created it (alerts are still filtered per viewer)
 * @param createdAt      epoch millis
 */
public record Watch(String id, String question, List<String> cameras, float[] embedding, String modelId,
                    double threshold, long cooldownMillis, String createdBy, long createdAt) {
    public Watch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        cameras = List.copyOf(cameras);
        Objects.requireNonNull(embedding, "embedding");
        modelId = modelId == null ? "" : modelId;
        if (cooldownMillis < 0) {
            throw new IllegalArgumentException("cooldown must be >= 0, got " + cooldownMillis);
        }
    }

    /** Whether the watch looks at this camera. */
    public boolean watches(String cameraId) {
        return cameras.isEmpty() || cameras.contains(cameraId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Watch w && w.id.equals(id) && w.question.equals(question) && w.cameras.equals(cameras)
                && Arrays.equals(w.embedding, embedding) && w.modelId.equals(modelId) && w.threshold == threshold
                && w.cooldownMillis == cooldownMillis && Objects.equals(w.createdBy, createdBy) && w.createdAt == createdAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, question, cameras, Arrays.hashCode(embedding), modelId, threshold, cooldownMillis);
    }

    @Override
    public String toString() {
        return "Watch[" + id + " '" + question + "' " + (cameras.isEmpty() ? "all cameras" : cameras) + " >= "
                + threshold + " cooldown " + cooldownMillis + " ms]";
    }
}
