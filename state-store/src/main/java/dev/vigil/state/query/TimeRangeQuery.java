package dev.vigil.state.query;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemory;

import java.util.List;

/**
 * A camera's entries whose span [start, end) overlaps [from, to] (epoch millis, inclusive), oldest first.
 *
 * @param cameraId the camera
 * @param from     earliest event time
 * @param to       latest event time
 */
public record TimeRangeQuery(String cameraId, long from, long to) implements MemoryQuery<List<MemoryEntry>> {
    @Override
    public List<MemoryEntry> execute(TokenMemory memory) {
        return memory.range(cameraId, from, to);
    }
}
