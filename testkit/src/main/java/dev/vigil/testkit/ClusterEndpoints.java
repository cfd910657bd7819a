package dev.vigil.testkit;

import java.util.Map;

/**
 * Where a test's real cluster answers.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registryUrl      base URL of the Confluent-compatible schema registry API
 * @param kind             which kind of cluster this is
 */
public record ClusterEndpoints(String bootstrapServers, String registryUrl, ClusterKind kind) {

    /** Client properties every test producer, consumer or admin needs. */
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }
}
