package dev.vigil.cli.pipeline;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.worker.EncoderWorker;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The processing half of vigil in one process: the Kafka Streams application ({@link VigilStreams}) and one
 * encoder worker. {@code vigil up}, the end-to-end tests and {@code vigil bench e2e} start it the same way; in
 * production the parts run as separate services ({@code vigil topologies}/{@code vigil api}, {@code vigil worker}).
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

    private final VigilStreams streams;
    private final ModelBundle model;
    private final ClipEncoder encoder;
    private final EncoderWorker worker;
    private final Thread workerThread;

    private Pipeline(VigilStreams streams, ModelBundle model, ClipEncoder encoder, EncoderWorker worker, Thread workerThread) {
        this.streams = streams;
        this.model = model;
        this.encoder = encoder;
        this.worker = worker;
        this.workerThread = workerThread;
    }

    /** Loads the model, starts the Streams application and the worker; returns once both are started. */
    public static Pipeline start(Settings settings, MeterRegistry metrics, Clock clock) {
        ModelBundle model = ModelBundle.load(settings.bundle(), DeviceSpec.cpu());
        ClipEncoder encoder = new ClipEncoder(model, 64);
        VigilStreams streams = VigilStreams.start(settings.bootstrapServers(), settings.registry(), settings.stateDir(),
                settings.apiHost(), settings.memory(), metrics);
        EncoderWorker worker = new EncoderWorker(WorkerConfig.defaults(settings.workerId()),
                Map.of("bootstrap.servers", settings.bootstrapServers()), settings.registry(), encoder, metrics, clock);
        Thread thread = new Thread(worker, "vigil-encoder-" + settings.workerId());
        thread.start();
        log.info("pipeline started: model {} ({}), state {}", model.id(), settings.bundle(), settings.stateDir());
        return new Pipeline(streams, model, encoder, worker, thread);
    }

    public KafkaStreams streams() {
        return streams.streams();
    }

    public VigilStreams vigilStreams() {
        return streams;
    }

    public MemoryQueries memory() {
        return streams.memory();
    }

    /** The clip encoder, whose text side embeds questions into the frame-embedding space. */
    public ClipEncoder encoder() {
        return encoder;
    }

    public String modelId() {
        return model.id();
    }

    /** See {@link VigilStreams#awaitRunning}. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return streams.awaitRunning(timeout);
    }

    /** Whether the Streams application and the worker run (for health). */
    public boolean running() {
        return streams.running() && workerThread.isAlive();
    }

    @Override
    public void close() {
        worker.close();
        try {
            workerThread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
        encoder.close();
        model.close();
    }
}
