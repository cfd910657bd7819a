package dev.vigil.api;

import dev.vigil.api.cameras.CompactedTopic;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/health}: 200 when every dependency is up and the camera and watch lists have been read, 503
 * otherwise, with each component's state. Public (no key), so load balancers and {@code vigil up} can probe it;
 * it names no cameras.
 */
public final class HealthResource {
    private final List<HealthCheck> checks;
    private final CompactedTopic<?> cameras;
    private final CompactedTopic<?> watches;

    public HealthResource(List<HealthCheck> checks, CompactedTopic<?> cameras, CompactedTopic<?> watches) {
        this.checks = checks;
        this.cameras = cameras;
        this.watches = watches;
    }

    public void health(Context ctx) {
        Map<String, Object> components = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            up &= put(components, check.name(), check.problem());
        }
        up &= put(components, "cameras", topicProblem(cameras));
        up &= put(components, "watches", topicProblem(watches));
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "components", components));
    }

    private static String topicProblem(CompactedTopic<?> topic) {
        if (topic.failure() != null) {
            return topic.failure();
        }
        return topic.caughtUp() ? null : "still reading the topic";
    }

    private static boolean put(Map<String, Object> components, String name, String problem) {
        components.put(name, problem == null ? Map.of("status", "UP") : Map.of("status", "DOWN", "problem", problem));
        return problem == null;
    }
}
