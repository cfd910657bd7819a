package dev.vigil.cli;

import dev.vigil.cli.config.ClusterConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.topologies.VigilStreams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code vigil topologies}: the clip windows ({@code vigil.frames} into {@code vigil.clips}) against a running
 * Kafka; start several to share the partitions. TokenMemory runs in {@code vigil api} instances, which answer
 * its queries.
 */
@Command(name = "topologies", mixinStandardHelpOptions = true,
        description = "Run the clip windows (frames into clips) against a given Kafka.")
final class TopologiesCommand implements Callable<Integer> {
    @Option(names = "--kafka", description = "Kafka bootstrap servers (env VIGIL_KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (env VIGIL_REGISTRY_URL).")
    String registry;

    @Option(names = "--state-dir", description = "Local state folder (default ./data/streams; env VIGIL_STATE_DIR).")
    Path stateDir;

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
        VigilStreams streams = VigilStreams.clipsOnly(cluster.bootstrapServers(), registryClient, state,
                new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        // Close from the hook itself: the JVM halts when hooks return, so the main thread cannot be relied on.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "vigil-topologies-shutdown"));
        System.out.println("vigil topologies running (application " + VigilStreams.CLIPS_APPLICATION + ", state "
                + state.toAbsolutePath() + ")");
        stopped.await();
        return 0;
    }
}
