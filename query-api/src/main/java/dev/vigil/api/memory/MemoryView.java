package dev.vigil.api.memory;

import dev.vigil.api.TimeWindow;
import dev.vigil.state.CameraStats;
import dev.vigil.state.GlobalEmbedding;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the API reads from TokenMemory, wherever the camera's partition lives. The real implementation is
 * {@link StreamsMemory} (IQv2 through {@code MemoryQueries}, forwarding to the owning instance); it never
 * reaches into RocksDB.
 */
public interface MemoryView {
    /**
     * The {@code k} moments most similar to {@code embedding} in the window, best first.
     *
     * @param cameras the cameras to search, or {@code null} for every camera on every instance
     */
    List<Moment> similar(Set<String> cameras, float[] embedding, TimeWindow window, int k);

    /** The camera's moments overlapping the window, oldest first. */
    List<Moment> range(String camera, TimeWindow window);

    /** The camera's newest moment. */
    Optional<Moment> latest(String camera);

    /** The JPEG keyframe of the entry that holds this clip, if any. */
    Optional<byte[]> keyframe(String camera, ClipId clip);

    /** The camera's running global embedding (LongVLM global semantics). */
    GlobalEmbedding global(String camera);

    /** What the camera's memory holds. */
    CameraStats stats(String camera);
}
