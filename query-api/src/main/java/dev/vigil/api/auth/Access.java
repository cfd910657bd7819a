package dev.vigil.api.auth;

import dev.vigil.api.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        return !key.labels().isEmpty() && byLabel(labelsOf.apply(cameraId));
    }

    /**
     * Whether a camera with this id and these labels is one the caller may see: for a camera being created or
     * changed, whose labels are not (yet) the stored ones.
     */
    public boolean wouldSee(String cameraId, Map<String, String> labels) {
        return key.allCameras() || key.cameras().contains(cameraId) || byLabel(labels);
    }

    /**
     * 403 unless the caller may manage this camera as it is and as it would be: an admin key scoped to some
     * cameras may create, change and delete those only, and may not move one out of its own sight.
     *
     * @param stored    the camera's labels now; empty when it does not exist yet
     * @param requested the labels it would have; empty for a deletion
     */
    public void requireManage(String cameraId, Optional<Map<String, String>> stored,
                              Optional<Map<String, String>> requested) {
        boolean now = stored.map(l -> wouldSee(cameraId, l)).orElse(true);
        boolean after = requested.map(l -> wouldSee(cameraId, l)).orElse(true);
        if (!now || !after) {
            throw ApiException.forbidden("this API key (" + key.id() + ") may not manage camera '" + cameraId
                    + "': it may manage only cameras it may see (" + sight() + ")");
        }
    }

    /** The key's sight in words, for error details. */
    private String sight() {
        List<String> parts = new ArrayList<>();
        if (!key.cameras().isEmpty()) {
            parts.add("cameras " + key.cameras());
        }
        if (!key.labels().isEmpty()) {
            parts.add("labels " + key.labels());
        }
        return String.join(" and ", parts);
    }

    private boolean byLabel(Map<String, String> labels) {
        return key.labels().entrySet().stream().anyMatch(l -> l.getValue().equals(labels.get(l.getKey())));
    }

    /** 403 unless the caller may see the camera. */
    public void requireCamera(String cameraId) {
        if (!canSee(cameraId)) {
            throw ApiException.forbidden("this API key (" + key.id() + ") may not see camera '" + cameraId + "'");
        }
    }
}
