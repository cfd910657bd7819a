package dev.vigil.api;

/** One dependency the API reports on at {@code /v1/health} (Kafka, the registry, a state store). */
public interface HealthCheck {
    /** Short name in the health document, e.g. {@code kafka}. */
    String name();

    /** Null when healthy, else what is wrong. Must answer within a few seconds. */
    String problem();
}
