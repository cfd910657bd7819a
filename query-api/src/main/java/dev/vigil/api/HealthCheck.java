package dev.vigil.api;

/** One dependency the API reports on at {@code /v1/health} (Kafka, the registry, a state store). */
public interface HealthCheck {
    /** Short name in the health document, e.g. {@code kafka}. */
    String name();

    /** Null when healthy, else what is wrong. Must answer within a few seconds. */
    String problem();

    /**
     * True (the default) when the API cannot work without this component: a problem makes the health DOWN (503).
     * False for what degrades the answers but not the service (a stalled camera): a problem shows as DEGRADED
     * and the health stays 200.
     */
    default boolean critical() {
        return true;
    }
}
