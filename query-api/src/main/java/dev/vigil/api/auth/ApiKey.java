package dev.vigil.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One API key as stored: never the key itself, only its SHA-256.
 *
 * @param id        short public id (the key's prefix), for logs and listings
 * @param name      what it is for
 * @param sha256    hex SHA-256 of the full key
 * @param scopes    what it may do
 * @param cameras   camera ids it may see; {@code ["*"]} = every camera
 * @param labels    camera labels that also grant sight: a camera with any of these label values is visible
 * @param createdAt epoch millis
 * @param expiresAt epoch millis after which the key is refused; null = never
 */
public record ApiKey(String id, String name, String sha256, Set<Scope> scopes, List<String> cameras,
                     Map<String, String> labels, long createdAt, Long expiresAt) {
    public static final String ALL_CAMERAS = "*";

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        scopes = Set.copyOf(scopes);
        cameras = List.copyOf(cameras);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Whether the key sees every camera, including ones not (yet) in the camera list. */
    public boolean allCameras() {
        return cameras.contains(ALL_CAMERAS);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && now.toEpochMilli() >= expiresAt;
    }

    /** What a listing shows of the key's text: {@code vgl_<id>_…}, enough to recognise it, never the secret. */
    public String prefix() {
        return ApiKeys.PREFIX + id + "_";
    }
}
