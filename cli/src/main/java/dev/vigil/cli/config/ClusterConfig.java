package dev.vigil.cli.config;

import dev.vigil.schema.registry.RegistrySettings;

import java.util.Map;

/**
 * Where an already-running Kafka and schema registry are, for the commands that join one
 * ({@code worker}, {@code topologies}, {@code ingest}, {@code api}).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registryUrl      Confluent-compatible registry API base URL
 */
public record ClusterConfig(String bootstrapServers, String registryUrl) {

    public static ClusterConfig from(ConfigSource source) {
        String kafka = source.string("kafka.bootstrap", null);
        String registry = source.string("registry.url", null);
        if (kafka == null || kafka.isBlank()) {
            throw new ConfigException("no Kafka given: pass --kafka HOST:PORT or set " + source.describe("kafka.bootstrap"));
        }
        if (registry == null || registry.isBlank()) {
            throw new ConfigException("no schema registry given: pass --registry URL or set " + source.describe("registry.url"));
        }
        try {
            RegistrySettings.of(registry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source.describe("registry.url") + ": " + e.getMessage());
        }
        return new ClusterConfig(kafka, registry);
    }

    /** Base client settings every producer, consumer and admin of the command uses. */
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }
}
