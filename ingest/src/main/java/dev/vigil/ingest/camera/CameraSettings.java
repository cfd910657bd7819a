package dev.vigil.ingest.camera;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import dev.vigil.ingest.RedactedUrl;
import dev.vigil.schema.CameraConfig;

/**
 * What ingest needs of a camera definition from {@code vigil.cameras} ({@link CameraConfig}).
 *
 * @param id            the camera id (the Kafka key everywhere)
 * @param url           where the frames come from; printed only redacted
 * @param fps           frames to keep per second of event time
 * @param resizeLongest longest side of the stored JPEG
 * @param jpegQuality   JPEG quality 1..100
 * @param labels        free-form labels (site, floor, ...), shown by the API
 * @param enabled       false to keep the definition but stop capturing
 */
public record CameraSettings(String id, RedactedUrl url, double fps, int resizeLongest, int jpegQuality,
                             Map<String, String> labels, boolean enabled) {

    public CameraSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        labels = Map.copyOf(labels);
    }

    /** The settings in a config record; {@code id} is the record key, which wins over the value's id field. */
    public static CameraSettings from(String id, CameraConfig config) {
        Map<String, String> labels = new java.util.TreeMap<>();
        config.getLabels().forEach((k, v) -> labels.put(k.toString(), v.toString()));
        return new CameraSettings(id, new RedactedUrl(config.getUrl().toString()), config.getFps(),
                config.getResizeLongest(), config.getJpegQuality(), labels, config.getEnabled());
    }

    /**
     * True if {@code other} captures the same way (same URL, rate and encoding), so a running camera can
     * keep going when only labels or unrelated fields changed.
     */
    public boolean capturesLike(CameraSettings other) {
        return url.equals(other.url) && fps == other.fps && resizeLongest == other.resizeLongest
                && jpegQuality == other.jpegQuality;
    }

    /** A config record with these settings and the defaults for what ingest does not use. */
    public CameraConfig toConfig(Instant updatedAt) {
        return CameraConfig.newBuilder()
                .setId(id)
                .setUrl(url.secretValue())
                .setFps(fps)
                .setResizeLongest(resizeLongest)
                .setJpegQuality(jpegQuality)
                .setLabels(Map.copyOf(labels))
                .setEnabled(enabled)
                .setUpdatedAt(updatedAt)
                .build();
    }

    @Override
    public String toString() {
        // The record's generated toString would print the URL's redacted form too, but say it explicitly.
        return "CameraSettings[" + id + " " + url + " " + fps + " fps, " + resizeLongest + " px, q" + jpegQuality
                + (enabled ? "" : ", disabled") + ", labels=" + labels + "]";
    }
}
