package dev.vigil.cli.pipeline;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.topologies.StreamsSettings;
import dev.vigil.topologies.clips.ClipWindowsConfig;
import dev.vigil.topologies.clips.ClipWindowsTopology;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.TokenMemoryTopology;
import dev.vigil.topologies.watch.WatchTopology;
import dev.vigil.worker.EncoderWorker;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The processing half of vigil in one process: the Kafka Streams application (clip windows, TokenMemory and
 * standing questions) and one encoder worker. {@code vigil up}, the end-to-end tests and {@code vigil bench e2e} start it the same
 * way; in production the parts run as separate services ({@code vigil topologies}, {@code vigil worker}).
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /**
     * @param bootstrapServers Kafka
     * @param registry         the schema registry client shared by every serde
     * @param stateDir         Kafka Streams state
     * @param bundle           the model bundle folder
     * @param workerId         the encoder worker's stable id
     * @param apiHost          this instance's API address, for interactive-query forwarding
     * @param memory           TokenMemory tiers and retention
     */
    public record Settings(String bootstrapServers, SchemaRegistryClient registry, Path stateDir, Path bundle,
                           String workerId, HostInfo apiHost, TokenMemoryConfig memory) {
    }

    private final KafkaStreams streams;
    private final ModelBundle model;
    private final ClipEncoder encoder;
    private final EncoderWorker worker;
    private final Thread workerThread;
    private final MemoryQueries queries;

    private Pipeline(KafkaStreams streams, ModelBundle model, ClipEncoder encoder, EncoderWorker worker,
                     Thread workerThread, MemoryQueries queries) {
        this.streams = streams;
        this.model = model;
        this.encoder = encoder;
        this.worker = worker;
        this.workerThread = workerThread;
        this.queries = queries;
    }

    /** Loads the model, starts the Streams application and the worker; returns once both are started. */
    public static Pipeline start(Settings settings, MeterRegistry metrics, Clock clock) {
        ModelBundle model = ModelBundle.load(settings.bundle(), DeviceSpec.cpu());
        ClipEncoder encoder = new ClipEncoder(model, 64);
        Topology topology = new Topology();
        ClipWindowsTopology.addTo(topology, settings.registry(), ClipWindowsConfig.defaults(), metrics);
        TokenMemoryTopology.addTo(topology, settings.registry(), settings.memory(), metrics);
        WatchTopology.addTo(topology, settings.registry(), WatchTopology.MEMORY_CLIP_SOURCE, metrics);
        StreamsSettings streamsSettings = new StreamsSettings("vigil", settings.bootstrapServers(), settings.stateDir(),
                Optional.of(settings.apiHost().host() + ":" + settings.apiHost().port()), 1,
                Map.of("commit.interval.ms", 200));
        KafkaStreams streams = new KafkaStreams(topology, streamsSettings.toProperties());
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Kafka Streams thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        EncoderWorker worker = new EncoderWorker(WorkerConfig.defaults(settings.workerId()),
                Map.of("bootstrap.servers", settings.bootstrapServers()), settings.registry(), encoder, metrics, clock);
        Thread thread = new Thread(worker, "vigil-encoder-" + settings.workerId());
        thread.start();
        log.info("pipeline started: model {} ({}), state {}", model.id(), settings.bundle(), settings.stateDir());
        return new Pipeline(streams, model, encoder, worker, thread, new MemoryQueries(streams, settings.apiHost()));
    }

    public KafkaStreams streams() {
        return streams;
    }

    public MemoryQueries memory() {
        return queries;
    }

    /** The clip encoder, whose text tower embeds questions into the frame-embedding space. */
    public ClipEncoder encoder() {
        return encoder;
    }

    public String modelId() {
        return model.id();
    }

    /**
     * Waits until the Streams application has its tasks and stores (state RUNNING), so that the API answers
     * from the first request; a slow start is not an error, the caller decides what to do.
     *
     * @return whether it is running
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Whether the Streams application is running (for health). */
    public boolean running() {
        return streams.state().isRunningOrRebalancing() && workerThread.isAlive();
    }

    @Override
    public void close() {
        worker.close();
        try {
            workerThread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close(Duration.ofSeconds(30));
        encoder.close();
        model.close();
    }
}
