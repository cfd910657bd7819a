package dev.vigil.api.ask;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiException;
import dev.vigil.api.CameraIds;
import dev.vigil.api.auth.Access;
import dev.vigil.schema.CameraConfig;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which cameras a request is about: {@code "*"} (or nothing) means every camera the key may see; an array
 * names cameras, each of which must exist and be visible to the key.
 */
public final class CameraChoice {
    private final Supplier<Map<String, CameraConfig>> cameras;

    public CameraChoice(Supplier<Map<String, CameraConfig>> cameras) {
        this.cameras = cameras;
    }

    /**
     * The chosen cameras, or {@code null} for "every camera in memory" (only for keys that see all cameras,
     * so that cameras not, or no longer, in {@code vigil.cameras} are still searchable by them).
     */
    public Set<String> resolve(JsonNode choice, Access access) {
        if (choice == null || choice.isNull() || (choice.isTextual() && choice.asText().equals("*"))) {
            if (access.key().allCameras()) {
                return null;
            }
            Set<String> visible = new LinkedHashSet<>();
            cameras.get().keySet().stream().sorted().filter(access::canSee).forEach(visible::add);
            return visible;
        }
        if (choice.isTextual()) {
            return resolveList(Set.of(choice.asText()), access);
        }
        if (!choice.isArray() || choice.isEmpty() || choice.size() > 256) {
            throw ApiException.badRequest("cameras must be \"*\" or an array of 1-256 camera ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        choice.forEach(n -> {
            if (!n.isTextual()) {
                throw ApiException.badRequest("cameras must be \"*\" or an array of camera id strings");
            }
            ids.add(n.asText());
        });
        return resolveList(ids, access);
    }

    /** One named camera: valid, visible to the key, and known. */
    public String one(String id, Access access) {
        CameraIds.check(id);
        access.requireCamera(id);
        if (!cameras.get().containsKey(id)) {
            throw ApiException.notFound("unknown camera", "there is no camera '" + id + "' (see GET /v1/cameras)");
        }
        return id;
    }

    private Set<String> resolveList(Set<String> ids, Access access) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(one(id, access));
        }
        return out;
    }
}
