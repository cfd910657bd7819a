package dev.vigil.state;

import java.util.List;

/**
 * What a camera's memory holds.
 *
 * @param cameraId         the camera
 * @param entriesByTier    live entries of tier 0, 1, 2
 * @param bytesByTier      their key + value bytes
 * @param approximateBytes everything stored for the camera: entries, summary, temporal state
 * @param oldestStart      start of the oldest entry, epoch millis (0 when empty)
 * @param newestEnd        end of the newest entry, epoch millis (0 when empty)
 * @param latestEventTime  the newest clip end seen, epoch millis (0 when nothing was seen)
 */
public record CameraStats(String cameraId, List<Integer> entriesByTier, List<Long> bytesByTier,
                          long approximateBytes, long oldestStart, long newestEnd, long latestEventTime) {
    public CameraStats {
        entriesByTier = List.copyOf(entriesByTier);
        bytesByTier = List.copyOf(bytesByTier);
    }

    /** Live entries of all tiers. */
    public int entries() {
        return entriesByTier.stream().mapToInt(Integer::intValue).sum();
    }
}
