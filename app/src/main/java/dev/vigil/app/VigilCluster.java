package dev.vigil.app;

import dev.vigil.cluster.LocalCluster;
import dev.vigil.schema.Contracts;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka cluster and schema registry vigil runs on, ready to use: started here as child processes in a data
 * folder ({@link LocalCluster}), or given. Either way the topics exist and the contracts are registered when it is
 * returned. {@code vigil up}, {@code vigil bench e2e|niah} and the end-to-end tests all start vigil on one of these.
 */
public final class VigilCluster implements AutoCloseable {
    /** As {@code vigil up}: enough partitions for a few Streams tasks and workers. */
    public static final int PARTITIONS = 6;

    private final String bootstrapServers;
    private final String registryUrl;
    private final Optional<LocalCluster> local;
    private final List<String> createdTopics;

    private VigilCluster(String bootstrapServers, String registryUrl, Optional<LocalCluster> local, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.local = local;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            this.createdTopics = topics.ensure(admin, Duration.ofSeconds(60));
        }
        Contracts.registerAll(registryClient());
    }

    /** Starts a real single-node broker and registry under {@code dataDir} on free ports. */
    public static VigilCluster embedded(Path dataDir) {
        return embedded(dataDir, 0, 0, PARTITIONS);
    }

    /**
     * Starts a real single-node broker and registry under {@code dataDir}.
     *
     * @param kafkaPort    the broker's port, 0 for the one this folder used last time (a free one the first time)
     * @param registryPort the registry's port, 0 for a free one
     * @param partitions   partitions of each topic created here
     */
    public static VigilCluster embedded(Path dataDir, int kafkaPort, int registryPort, int partitions) {
        LocalCluster local = LocalCluster.start(dataDir, kafkaPort, registryPort);
        try {
            return new VigilCluster(local.bootstrapServers(), local.registryUrl(), Optional.of(local),
                    new Topics(partitions, (short) 1));
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    /** A cluster someone else runs (the tests' shared one, or a real deployment). */
    public static VigilCluster external(String bootstrapServers, String registryUrl) {
        return new VigilCluster(bootstrapServers, registryUrl, Optional.empty(), Topics.singleBroker());
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
        return local.isPresent();
    }

    /** The topics this start created (none when they all existed). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** Whether the broker and registry started here still run (true for a cluster someone else runs). */
    public boolean isRunning() {
        return local.map(LocalCluster::isRunning).orElse(true);
    }

    /** name → pid of the child processes started here (none for an external cluster). */
    public Map<String, Long> childProcesses() {
        Map<String, Long> pids = new LinkedHashMap<>();
        local.ifPresent(l -> {
            pids.put("kafka", l.kafkaPid());
            pids.put("schema-registry", l.registryPid());
        });
        return pids;
    }

    @Override
    public void close() {
        local.ifPresent(LocalCluster::close);
    }
}
