package dev.vigil.app;

import dev.vigil.api.HealthCheck;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.CpuThreads;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.topologies.VigilStreams;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.worker.EncoderWorkers;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The processing half of vigil in one process: the Kafka Streams application ({@link VigilStreams}) and the
 * encoder workers (one per core up to the clip partitions, on CPU; see {@link CpuThreads}), which share one
 * clip encoder and split the clip partitions as members of one consumer group. {@code vigil up}, the end-to-end tests and {@code vigil bench e2e} start it the same way; in
 * production the parts run as separate services ({@code vigil topologies}/{@code vigil api}, {@code vigil worker}).
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /**
     * @param bootstrapServers Kafka
     * @param registry         the schema registry client shared by every serde
     * @param stateDir         Kafka Streams state
     * @param bundle           the model bundle folder
     * @param worker           the encoder workers' settings; with several, worker i runs as {@code <workerId>-i}
     * @param apiHost          this instance's API address, for interactive-query forwarding
     * @param memory           TokenMemory tiers and retention
     * @param threads          encoder workers and PyTorch threads per worker
     */
    public record Settings(String bootstrapServers, SchemaRegistryClient registry, Path stateDir, Path bundle,
                           WorkerConfig worker, HostInfo apiHost, TokenMemoryConfig memory, CpuThreads threads) {

        /** One encoder worker per core, up to the clip partitions they share. */
        public static CpuThreads defaultThreads(int clipPartitions) {
            return CpuThreads.forCores(Runtime.getRuntime().availableProcessors(), clipPartitions);
        }
    }

    private final VigilStreams streams;
    private final ModelBundle model;
    private final ClipEncoder encoder;
    private final EncoderWorkers workers;
    private final ConsumerLag lag;

    private Pipeline(VigilStreams streams, ModelBundle model, ClipEncoder encoder, EncoderWorkers workers,
                     ConsumerLag lag) {
        this.streams = streams;
        this.model = model;
        this.encoder = encoder;
        this.workers = workers;
        this.lag = lag;
    }

    /** Loads the model, starts the Streams application and the workers; returns once all are started. */
    public static Pipeline start(Settings settings, MeterRegistry metrics, Clock clock) {
        CpuThreads threads = settings.threads();
        threads.applyToPyTorch();
        ModelBundle model = ModelBundle.load(settings.bundle(), DeviceSpec.cpu());
        ClipEncoder encoder = new ClipEncoder(model, 64);
        VigilStreams streams = VigilStreams.start(settings.bootstrapServers(), settings.registry(), settings.stateDir(),
                settings.apiHost(), settings.memory(), metrics);
        EncoderWorkers workers = EncoderWorkers.start(threads.workers(), settings.worker(),
                Map.of("bootstrap.servers", settings.bootstrapServers()), settings.registry(), encoder, metrics, clock);
        log.info("pipeline started: model {} ({}), state {}, {} encoder worker(s) x {} PyTorch thread(s)", model.id(),
                settings.bundle(), settings.stateDir(), threads.workers(), threads.threadsPerCall());
        // The groups this process consumes in: their lag and the encoder backlog on /metrics.
        ConsumerLag lag = new ConsumerLag(Map.of("bootstrap.servers", settings.bootstrapServers()),
                List.of(settings.worker().groupId(), VigilStreams.CLIPS_APPLICATION, VigilStreams.MEMORY_APPLICATION),
                settings.worker().groupId(), Topics.CLIPS, metrics);
        return new Pipeline(streams, model, encoder, workers, lag);
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

    /** The encoder workers this pipeline runs. */
    public int encoderWorkers() {
        return workers.size();
    }

    /** Whether the Streams application and every worker run (for health). */
    public boolean running() {
        return streams.running() && workers.allRunning();
    }

    /**
     * The health of this pipeline's encoder workers, for {@code /v1/health}; its Streams applications report
     * through {@link #vigilStreams()} ({@code StreamsHealth.of}).
     */
    public HealthCheck workerHealth() {
        return new EncoderWorkersHealth(workers);
    }

    @Override
    public void close() {
        lag.close();
        workers.close();
        streams.close();
        encoder.close();
        model.close();
    }
}
