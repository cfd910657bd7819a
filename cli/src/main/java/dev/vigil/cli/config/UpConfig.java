package dev.vigil.cli.config;

import java.nio.file.Path;

/**
 * Configuration of {@code vigil up}: everything embedded on one machine (the API's own settings: {@link ApiConfig}).
 *
 * @param dataDir      where Kafka, the registry and state stores keep their data; reused across restarts
 * @param kafkaPort    Kafka client port, 0 = remembered from the last run on this data folder, else free
 * @param registryPort registry HTTP port, 0 = remembered from the last run on this data folder, else free
 * @param partitions   partitions of the per-camera topics
 */
public record UpConfig(Path dataDir, int kafkaPort, int registryPort, int partitions) {

    public static UpConfig from(ConfigSource source) {
        return new UpConfig(
                Path.of(source.string("data.dir", "data")),
                source.integer("kafka.port", 0, 0, 65535),
                source.integer("registry.port", 0, 0, 65535),
                source.integer("partitions", 6, 1, 1000));
    }
}
