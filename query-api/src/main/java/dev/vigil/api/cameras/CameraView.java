package dev.vigil.api.cameras;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.cameras.CredentialMask;
import dev.vigil.state.CameraStats;

import java.time.Instant;
import java.util.Map;

/**
 * A camera as the API shows it: its configuration (URL credentials masked: user info and secret query values),
 * ingest status and memory use.
 */
public record CameraView(String id, String url, double fps, int resizeLongest, int jpegQuality, int clipFrames,
                         int retentionHours, Map<String, String> labels, boolean enabled, String updatedAt,
                         CameraStatus status, Memory memory) {

    /**
     * What TokenMemory holds for the camera; null fields when memory could not be asked.
     *
     * @param entries     stored entries, all tiers
     * @param bytes       approximate bytes
     * @param oldest      oldest entry start, ISO-8601 (null when empty)
     * @param newest      newest entry end
     * @param ageSeconds  how long ago that was: the age of the newest frame in memory, which grows while the
     *                    camera, the clip windows or the encoder workers fall behind (null when empty)
     * @param unavailable why memory could not answer, or null
     */
    public record Memory(Integer entries, Long bytes, String oldest, String newest, Double ageSeconds,
                         String unavailable) {
        static Memory of(CameraStats s, long nowMillis) {
            boolean empty = s.entries() == 0;
            return new Memory(s.entries(), s.approximateBytes(), empty ? null : Instant.ofEpochMilli(s.oldestStart()).toString(),
                    empty ? null : Instant.ofEpochMilli(s.newestEnd()).toString(),
                    empty ? null : Math.max(0, nowMillis - s.newestEnd()) / 1000.0, null);
        }
    }

    static CameraView of(CameraConfig c, CameraStatus status, Memory memory) {
        return new CameraView(c.getId(), masked(c.getUrl()), c.getFps(), c.getResizeLongest(), c.getJpegQuality(),
                c.getClipFrames(), c.getRetentionHours(), Map.copyOf(c.getLabels()), c.getEnabled(),
                c.getUpdatedAt().toString(), status, memory);
    }

    /** The URL with its credentials masked, by the grammar ingest's logs use ({@link CredentialMask}). */
    static String masked(String url) {
        return CredentialMask.maskUrl(url);
    }
}
