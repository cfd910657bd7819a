package dev.vigil.testkit;

/** Which real cluster a test runs against. */
public enum ClusterKind {
    /** {@code -Dvigil.cluster=local|testcontainers}, local when unset. */
    FROM_PROPERTY,
    /** Kafka and Apicurio Registry started by vigil from Maven Central jars: no Docker needed. */
    LOCAL,
    /** apache/kafka and Confluent's cp-schema-registry images through Testcontainers: needs Docker. */
    TESTCONTAINERS;

    ClusterKind resolve() {
        if (this != FROM_PROPERTY) {
            return this;
        }
        String asked = System.getProperty("vigil.cluster", "local");
        return switch (asked) {
            case "local" -> LOCAL;
            case "testcontainers" -> TESTCONTAINERS;
            default -> throw new IllegalArgumentException("-Dvigil.cluster must be local or testcontainers, got " + asked);
        };
    }
}
