package dev.vigil.api.auth;

import dev.vigil.api.ApiException;

import java.util.Map;
import java.util.function.Function;

/**
 * What the caller of one request may do and see: its key's scopes, and the cameras visible to it by id or by
 * label. Every endpoint asks this before it answers, and every evidence item, keyframe and event passes
 * {@link #canSee}.
 */
public final class Access {
    private final ApiKey key;
    private final Function<String, Map<String, String>> labelsOf;

    /**
     * @param labelsOf the labels of a camera by id (empty for an unknown camera)
     */
    public Access(ApiKey key, Function<String, Map<String, String>> labelsOf) {
        this.key = key;
        this.labelsOf = labelsOf;
    }

    public ApiKey key() {
        return key;
    }

    /** 403 unless the key has {@code scope}. */
    public void require(Scope scope) {
        if (!key.scopes().contains(scope)) {
            throw ApiException.forbidden("this API key (" + key.id() + ") lacks the '" + scope.name().toLowerCase()
                    + "' scope");
        }
    }

    /** Whether the caller may see anything of this camera. */
    public boolean canSee(String cameraId) {
        if (key.allCameras() || key.cameras().contains(cameraId)) {
            return true;
        }
        if (key.labels().isEmpty()) {
            return false;
        }
        Map<String, String> labels = labelsOf.apply(cameraId);
        return key.labels().entrySet().stream().anyMatch(l -> l.getValue().equals(labels.get(l.getKey())));
    }

    /** 403 unless the caller may see the camera. */
    public void requireCamera(String cameraId) {
        if (!canSee(cameraId)) {
            throw ApiException.forbidden("this API key (" + key.id() + ") may not see camera '" + cameraId + "'");
        }
    }
}
