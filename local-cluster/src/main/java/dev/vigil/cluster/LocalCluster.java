package dev.vigil.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A real single-node Kafka broker (KRaft) and a real schema registry (Apicurio, Confluent-compatible API), both
 * child processes with their data under one folder. The one way vigil starts them: {@code vigil up}, the
 * benchmarks (through the app module's {@code VigilCluster}, which also creates the topics and registers the
 * contracts) and the tests' {@code RealClusterExtension}.
 *
 * <p>Closing stops the registry, then the broker; the folder is kept (a second start on it resumes).
 */
public final class LocalCluster implements AutoCloseable {
    /** Time for each process to answer: generous, since on a loaded 2-core machine JVMs start side by side and the first registry start unpacks its distribution. */
    public static final Duration READY = Duration.ofSeconds(180);

    private final LocalKafka kafka;
    private final LocalRegistry registry;

    private LocalCluster(LocalKafka kafka, LocalRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts both on any free ports. */
    public static LocalCluster start(Path dir) {
        return start(dir, 0, 0);
    }

    /**
     * @param dir          the broker's data goes to {@code dir/kafka}, the registry's to {@code dir/registry}
     * @param kafkaPort    the broker's port, 0 for the port this folder used last time (a free one the first time)
     * @param registryPort the registry's port, 0 for any free one
     */
    public static LocalCluster start(Path dir, int kafkaPort, int registryPort) {
        LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), kafkaPort, READY);
        try {
            LocalRegistry registry = LocalRegistry.start(ApicurioDistribution.defaults(), dir.resolve("registry"),
                    registryPort, READY);
            return new LocalCluster(kafka, registry);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's Confluent-compatible REST API. */
    public String registryUrl() {
        return registry.confluentApiUrl();
    }

    public long kafkaPid() {
        return kafka.pid();
    }

    public long registryPid() {
        return registry.pid();
    }

    /** Whether both processes are alive. */
    public boolean isRunning() {
        return kafka.isRunning() && registry.isRunning();
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
    }
}
