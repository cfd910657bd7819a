package dev.vigil.api.cameras;

import java.util.Map;

/**
 * The body of {@code POST /v1/cameras} and {@code PUT /v1/cameras/{id}}; absent fields take the
 * {@code CameraConfig} defaults.
 */
public record CameraRequest(String id, String url, Double fps, Integer resizeLongest, Integer jpegQuality,
                            Integer clipFrames, Integer retentionHours, Map<String, String> labels, Boolean enabled) {
}
