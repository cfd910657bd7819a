package dev.vigil.topologies;

import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.topologies.clips.ClipWindowsConfig;
import dev.vigil.topologies.clips.ClipWindowsTopology;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.TokenMemoryTopology;
import dev.vigil.topologies.watch.WatchTopology;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vigil's Kafka Streams applications: {@code vigil-clips} (frames into clips) and {@code vigil-memory}
 * (TokenMemory and standing questions). They are separate applications so each can scale on its own: every
 * process that runs {@code vigil-memory} ({@code vigil up}, {@code vigil api}) has an API and advertises it
 * as {@code application.server}, so a question about a camera owned elsewhere is forwarded to its owner;
 * {@code vigil topologies} runs {@code vigil-clips}, which needs no queries.
 */
public final class VigilStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VigilStreams.class);
    public static final String CLIPS_APPLICATION = "vigil-clips";
    public static final String MEMORY_APPLICATION = "vigil-memory";
    /**
     * TokenMemory keeps a warm copy of every task on a second instance (a standby replica, restored from the
     * changelog as it goes), and a member that dies without leaving is noticed after 10 s instead of the consumer
     * default 45 s: together they bound how long questions about a dead instance's cameras go unanswered
     * (docs/architecture.md states the measured time). With one instance the standby setting has no effect.
     */
    private static final Map<String, Object> MEMORY_FAILOVER = Map.of("commit.interval.ms", 200,
            "num.standby.replicas", 1,
            "consumer.session.timeout.ms", 10_000, "consumer.heartbeat.interval.ms", 2_000);

    private final Optional<StreamsApplication> clips;
    private final Optional<StreamsApplication> memory;
    private final Optional<MemoryQueries> queries;

    private VigilStreams(Optional<StreamsApplication> clips, Optional<StreamsApplication> memory,
                         Optional<MemoryQueries> queries) {
        this.clips = clips;
        this.memory = memory;
        this.queries = queries;
    }

    /** Starts the clip windows alone. */
    public static VigilStreams clipsOnly(String bootstrapServers, SchemaRegistryClient registry, Path stateDir,
                                         MeterRegistry metrics) {
        return new VigilStreams(Optional.of(clips(bootstrapServers, registry, stateDir, metrics)), Optional.empty(),
                Optional.empty());
    }

    /** Starts TokenMemory and the standing questions, answering queries for the API at {@code apiHost}. */
    public static VigilStreams memoryOnly(String bootstrapServers, SchemaRegistryClient registry, Path stateDir,
                                          HostInfo apiHost, TokenMemoryConfig config, MeterRegistry metrics) {
        StreamsApplication memory = memory(bootstrapServers, registry, stateDir, apiHost, config, metrics);
        return new VigilStreams(Optional.empty(), Optional.of(memory),
                Optional.of(new MemoryQueries(memory.streams(), apiHost)));
    }

    /** Starts both applications. */
    public static VigilStreams start(String bootstrapServers, SchemaRegistryClient registry, Path stateDir,
                                     HostInfo apiHost, TokenMemoryConfig config, MeterRegistry metrics) {
        StreamsApplication clips = clips(bootstrapServers, registry, stateDir, metrics);
        StreamsApplication memory = memory(bootstrapServers, registry, stateDir, apiHost, config, metrics);
        return new VigilStreams(Optional.of(clips), Optional.of(memory),
                Optional.of(new MemoryQueries(memory.streams(), apiHost)));
    }

    private static StreamsApplication clips(String bootstrapServers, SchemaRegistryClient registry, Path stateDir,
                                      MeterRegistry metrics) {
        Topology topology = ClipWindowsTopology.addTo(new Topology(), registry, ClipWindowsConfig.defaults(), metrics);
        return started(topology, new StreamsSettings(CLIPS_APPLICATION, bootstrapServers, stateDir, Optional.empty(), 1,
                Map.of("commit.interval.ms", 200)));
    }

    private static StreamsApplication memory(String bootstrapServers, SchemaRegistryClient registry, Path stateDir,
                                       HostInfo apiHost, TokenMemoryConfig config, MeterRegistry metrics) {
        Topology topology = TokenMemoryTopology.addTo(new Topology(), registry, config, metrics);
        WatchTopology.addTo(topology, registry, WatchTopology.MEMORY_CLIP_SOURCE, metrics);
        return started(topology, new StreamsSettings(MEMORY_APPLICATION, bootstrapServers, stateDir,
                Optional.of(apiHost.host() + ":" + apiHost.port()), 1, MEMORY_FAILOVER));
    }

    private static StreamsApplication started(Topology topology, StreamsSettings settings) {
        KafkaStreams streams = new KafkaStreams(topology, settings.toProperties());
        StreamsIncidents incidents = settings.incidents();
        streams.setUncaughtExceptionHandler(e -> {
            // Replaced, not shut down, so a transient failure heals itself; a thread that fails again and again
            // is reported by health as looping (StreamsIncidents).
            log.error("a Kafka Streams thread of {} failed; replacing it", settings.applicationId(), e);
            incidents.threadReplaced(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new StreamsApplication(settings.applicationId(), streams, incidents);
    }

    /** The TokenMemory application (or the clip windows where it runs alone), for queries. */
    public KafkaStreams streams() {
        return memory.or(() -> clips).orElseThrow().streams();
    }

    /** Every Streams application this process runs, clip windows first, for health. */
    public List<StreamsApplication> applications() {
        return java.util.stream.Stream.of(clips, memory).flatMap(Optional::stream).toList();
    }

    public MemoryQueries memory() {
        return queries.orElseThrow(() -> new IllegalStateException("this process runs no TokenMemory"));
    }

    /** Waits until every application here runs (tasks assigned, stores restored); false if not within the timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allRunning() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return allRunning();
    }

    private boolean allRunning() {
        return applications().stream().allMatch(a -> a.streams().state() == KafkaStreams.State.RUNNING);
    }

    public boolean running() {
        return applications().stream().allMatch(a -> a.streams().state().isRunningOrRebalancing());
    }

    @Override
    public void close() {
        applications().forEach(a -> a.streams().close(Duration.ofSeconds(30)));
    }
}
