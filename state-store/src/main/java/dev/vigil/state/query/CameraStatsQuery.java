package dev.vigil.state.query;

import dev.vigil.state.CameraStats;
import dev.vigil.state.TokenMemory;

/**
 * What a camera's memory holds: entries and bytes per tier, oldest and newest times.
 *
 * @param cameraId the camera
 */
public record CameraStatsQuery(String cameraId) implements MemoryQuery<CameraStats> {
    @Override
    public CameraStats execute(TokenMemory memory) {
        return memory.stats(cameraId);
    }
}
