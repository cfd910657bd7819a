package dev.vigil.state;

import dev.vigil.schema.TemporalState;

import java.util.List;
import java.util.Optional;

/**
 * The read-only view of TokenMemory: what interactive queries (IQv2, see {@code dev.vigil.state.query}) and
 * processors that only read may use. All times are event times in epoch millis.
 */
public interface TokenMemory {

    /** Entries of the camera whose span [start, end) overlaps [from, to], oldest first. */
    List<MemoryEntry> range(String cameraId, long from, long to);

    /** The camera's {@code n} newest entries, newest first. */
    List<MemoryEntry> latest(String cameraId, int n);

    /**
     * The {@code k} entries overlapping [from, to] most similar to {@code embedding}, best first: cosine
     * similarity, maximum over each entry's pooled frame embeddings and clip embeddings
     * ({@code Similarity.entryScore}). {@code cameraId == null} searches every
     * camera of this store. Entries whose embedding dim differs (another model) are skipped.
     */
    List<ScoredEntry> similar(String cameraId, float[] embedding, long from, long to, int k);

    /** The camera's running global embedding (count 0 when none). */
    GlobalEmbedding globalEmbedding(String cameraId);

    /** Entries per tier, bytes, oldest and newest times. */
    CameraStats stats(String cameraId);

    /** Everything stored for the camera, in key + value bytes (RocksDB's own overhead not included). */
    long approximateBytes(String cameraId);

    /** The camera's latest temporal (Mamba) state, if one was stored. */
    Optional<TemporalState> latestTemporalState(String cameraId);

    /** The cameras with anything stored in this store (this instance's partitions only). */
    List<String> cameras();
}
