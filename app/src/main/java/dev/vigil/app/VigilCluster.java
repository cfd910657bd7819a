package dev.vigil.app;

import dev.vigil.cluster.ApicurioDistribution;
import dev.vigil.cluster.LocalKafka;
import dev.vigil.cluster.LocalRegistry;
import dev.vigil.schema.Contracts;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka cluster and schema registry a benchmark ({@code vigil bench e2e}, {@code vigil bench niah}) runs on:
 * started here as child processes in a data folder (as {@code vigil up} does), or given. Either way the topics exist and the contracts are registered when it
 * is returned.
 */
public final class VigilCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(180);
    /** As {@code vigil up}: enough partitions for a few Streams tasks and workers. */
    public static final int PARTITIONS = 6;

    private final String bootstrapServers;
    private final String registryUrl;
    private final Optional<LocalKafka> kafka;
    private final Optional<LocalRegistry> registry;

    private VigilCluster(String bootstrapServers, String registryUrl, Optional<LocalKafka> kafka,
                       Optional<LocalRegistry> registry) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts a real single-node broker and registry under {@code dataDir}. */
    public static VigilCluster embedded(Path dataDir) {
        LocalKafka kafka = LocalKafka.start(dataDir.resolve("kafka"), 0, READY);
        try {
            LocalRegistry registry = LocalRegistry.start(ApicurioDistribution.defaults(), dataDir.resolve("registry"), 0,
                    READY);
            VigilCluster cluster = new VigilCluster(kafka.bootstrapServers(), registry.confluentApiUrl(), Optional.of(kafka),
                    Optional.of(registry));
            cluster.prepare(new Topics(PARTITIONS, (short) 1));
            return cluster;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** A cluster someone else runs (the tests' shared one, or a real deployment). */
    public static VigilCluster external(String bootstrapServers, String registryUrl) {
        VigilCluster cluster = new VigilCluster(bootstrapServers, registryUrl, Optional.empty(), Optional.empty());
        cluster.prepare(Topics.singleBroker());
        return cluster;
    }

    private void prepare(Topics topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            topics.ensure(admin, Duration.ofSeconds(60));
        }
        Contracts.registerAll(registryClient());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(RegistrySettings.of(registryUrl));
    }

    public boolean embedded() {
        return kafka.isPresent();
    }

    /** name → pid of the child processes started here (none for an external cluster). */
    public Map<String, Long> childProcesses() {
        Map<String, Long> pids = new LinkedHashMap<>();
        kafka.ifPresent(k -> pids.put("kafka", k.pid()));
        registry.ifPresent(r -> pids.put("schema-registry", r.pid()));
        return pids;
    }

    @Override
    public void close() {
        registry.ifPresent(LocalRegistry::close);
        kafka.ifPresent(LocalKafka::close);
    }
}
