package dev.vigil.state.query;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemory;

import java.util.List;

/**
 * A camera's {@code n} newest entries, newest first.
 *
 * @param cameraId the camera
 * @param n        how many
 */
public record LatestQuery(String cameraId, int n) implements MemoryQuery<List<MemoryEntry>> {
    @Override
    public List<MemoryEntry> execute(TokenMemory memory) {
        return memory.latest(cameraId, n);
    }
}
