package dev.vigil.state.query;

import dev.vigil.state.ScoredEntry;
import dev.vigil.state.TokenMemory;

import java.util.Arrays;
import java.util.List;

/**
 * The top-k entries by cosine similarity to an embedding (maximum over each entry's pooled frame
 * embeddings and clip embeddings, {@code Similarity.entryScore}), among entries overlapping [from, to]; best first.
 *
 * @param cameraId  the camera, or {@code null} for every camera of the store
 * @param embedding the query embedding (for example a text embedding in the same space)
 * @param from      earliest event time, epoch millis
 * @param to        latest event time, epoch millis
 * @param k         how many
 */
public record SimilarityQuery(String cameraId, float[] embedding, long from, long to, int k)
        implements MemoryQuery<List<ScoredEntry>> {

    /** Over every camera. */
    public static SimilarityQuery allCameras(float[] embedding, long from, long to, int k) {
        return new SimilarityQuery(null, embedding, from, to, k);
    }

    @Override
    public List<ScoredEntry> execute(TokenMemory memory) {
        return memory.similar(cameraId, embedding, from, to, k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimilarityQuery q && java.util.Objects.equals(q.cameraId, cameraId)
                && Arrays.equals(q.embedding, embedding) && q.from == from && q.to == to && q.k == k;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(cameraId, Arrays.hashCode(embedding), from, to, k);
    }

    @Override
    public String toString() {
        return "SimilarityQuery[" + (cameraId == null ? "all cameras" : cameraId) + " dim " + embedding.length
                + " " + from + ".." + to + " k " + k + "]";
    }
}
