package dev.vigil.api;

import dev.vigil.api.cameras.CompactedTopic;
import dev.vigil.api.llm.Llm;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/health}: 200 when every dependency is up and the camera and watch lists have been read, 503
 * otherwise, with each component's state (a non-critical component with a problem, such as stalled cameras, is
 * DEGRADED: the status says DEGRADED and the code stays 200), and which LLM writes answers (its endpoint; never its key). Public (no
 * key), so load balancers and {@code vigil up} can probe it; it names no cameras.
 */
public final class HealthResource {
    private final List<HealthCheck> checks;
    private final CompactedTopic<?> cameras;
    private final CompactedTopic<?> watches;
    private final Optional<Llm> llm;

    /** @param llm the answering LLM, reported by endpoint; it does not decide UP or DOWN (answers fall back to evidence) */
    public HealthResource(List<HealthCheck> checks, CompactedTopic<?> cameras, CompactedTopic<?> watches,
                          Optional<Llm> llm) {
        this.checks = checks;
        this.cameras = cameras;
        this.watches = watches;
        this.llm = llm;
    }

    public void health(Context ctx) {
        Map<String, Object> components = new LinkedHashMap<>();
        boolean up = true;
        boolean degraded = false;
        for (HealthCheck check : checks) {
            String problem = check.problem();
            if (check.critical()) {
                up &= put(components, check.name(), problem);
            } else {
                degraded |= problem != null;
                components.put(check.name(), problem == null ? Map.of("status", "UP")
                        : Map.of("status", "DEGRADED", "problem", problem));
            }
        }
        up &= put(components, "cameras", topicProblem(cameras));
        up &= put(components, "watches", topicProblem(watches));
        components.put("llm", llm.<Map<String, Object>>map(l -> Map.of("status", "CONFIGURED", "answerer", l.describe()))
                .orElse(Map.of("status", "NONE", "answerer", "evidence only (no LLM configured)")));
        ctx.status(up ? 200 : 503).json(Map.of("status", !up ? "DOWN" : degraded ? "DEGRADED" : "UP",
                "components", components));
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
