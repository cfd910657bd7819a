package dev.vigil.cli;

import dev.vigil.cli.config.ClusterConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.topologies.StreamsSettings;
import dev.vigil.topologies.clips.ClipWindowsConfig;
import dev.vigil.topologies.clips.ClipWindowsTopology;
import dev.vigil.topologies.memory.TokenMemoryTopology;
import dev.vigil.state.TokenMemoryConfig;
import org.apache.kafka.streams.Topology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vigil topologies}: the Kafka Streams side of vigil against a running Kafka; start several to share the work. */
@Command(name = "topologies", mixinStandardHelpOptions = true,
        description = "Run the Kafka Streams topologies (clip windows, TokenMemory) against a given Kafka.")
final class TopologiesCommand implements Callable<Integer> {
    @Option(names = "--kafka", description = "Kafka bootstrap servers (env VIGIL_KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (env VIGIL_REGISTRY_URL).")
    String registry;

    @Option(names = "--state-dir", description = "Local state folder (default ./data/streams; env VIGIL_STATE_DIR).")
    Path stateDir;

    @Option(names = "--application-server", paramLabel = "HOST:PORT",
            description = "This instance's query API address, for interactive-query forwarding.")
    String applicationServer;

    @Option(names = "--config", description = "Properties file with settings.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        ClusterConfig cluster;
        Path state;
        try {
            Map<String, String> flags = new HashMap<>();
            flags.put("kafka.bootstrap", kafka);
            flags.put("registry.url", registry);
            flags.put("state.dir", stateDir == null ? null : stateDir.toString());
            ConfigSource source = ConfigSource.load(Optional.ofNullable(configFile), System.getenv()).withFlags(flags);
            cluster = ClusterConfig.from(source);
            state = Path.of(source.string("state.dir", "data/streams"));
        } catch (ConfigException e) {
            System.err.println("vigil topologies: " + e.getMessage());
            return 2;
        }
        SchemaRegistryClient registryClient = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        // The same application id as vigil up's embedded pipeline: instances share the work as one application.
        StreamsSettings settings = new StreamsSettings("vigil", cluster.bootstrapServers(), state,
                Optional.ofNullable(applicationServer), 1, Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Topology topology = new Topology();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ClipWindowsTopology.addTo(topology, registryClient, ClipWindowsConfig.defaults(), metrics);
        TokenMemoryTopology.addTo(topology, registryClient, TokenMemoryConfig.defaults(), metrics);
        try (KafkaStreams streams = new KafkaStreams(topology, settings.toProperties())) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                    stopped.countDown();
                }
            });
            // Close from the hook itself: the JVM halts when hooks return, so the main thread cannot be relied on.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streams.close(java.time.Duration.ofSeconds(30));
                stopped.countDown();
            }, "vigil-topologies-shutdown"));
            streams.start();
            System.out.println("vigil topologies running (clip windows + TokenMemory, application vigil, state "
                    + state.toAbsolutePath() + ")");
            stopped.await();
        }
        return 0;
    }
}
