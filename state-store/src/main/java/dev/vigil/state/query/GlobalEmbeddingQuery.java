package dev.vigil.state.query;

import dev.vigil.state.GlobalEmbedding;
import dev.vigil.state.TokenMemory;

/**
 * A camera's running global embedding (LongVLM global semantics).
 *
 * @param cameraId the camera
 */
public record GlobalEmbeddingQuery(String cameraId) implements MemoryQuery<GlobalEmbedding> {
    @Override
    public GlobalEmbedding execute(TokenMemory memory) {
        return memory.globalEmbedding(cameraId);
    }
}
