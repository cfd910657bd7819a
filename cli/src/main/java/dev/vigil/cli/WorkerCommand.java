package dev.vigil.cli;

import dev.vigil.cli.config.ClusterConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import dev.vigil.cli.config.WorkerSettings;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.CpuThreads;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.worker.EncoderWorkers;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code vigil worker}: encoder workers against a running Kafka, sharing one model in this process; start more
 * processes (on more machines) for more throughput. On CPU it runs one single-threaded worker per core by default
 * (up to the clip partitions), as {@code vigil up} does: the clip encoder's many small ops leave a multi-threaded
 * caller's cores idle (see {@code CpuThreads}).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run encoder workers: vigil.clips -> vigil.clip-tokens + vigil.temporal-state, exactly once.")
final class WorkerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @Option(names = "--kafka", description = "Kafka bootstrap servers (env VIGIL_KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (env VIGIL_REGISTRY_URL).")
    String registry;

    @Option(names = "--bundle", description = "Model bundle folder (env VIGIL_MODEL_BUNDLE).")
    Path bundle;

    @Option(names = "--device", description = "cpu or cuda:N (default cpu; env VIGIL_MODEL_DEVICE).")
    String device;

    @Option(names = "--precision", description = "fp32, fp16 or bf16 (default: fp32 on CPU, fp16 on GPU).")
    String precision;

    @Option(names = "--id", description = "Stable worker id; a restart with the same id fences the old one (default"
            + " worker-0; with several workers, worker i is ID-i).")
    String id;

    @Option(names = "--workers", description = "Encoder workers in this process (default: one per core on CPU, up to"
            + " the partitions of vigil.clips, each with one PyTorch thread per core it gets; one on a GPU).")
    Integer workers;

    @Option(names = "--batch-frames", description = "Frame budget per batched forward (default 64).")
    Integer batchFrames;

    @Option(names = "--config", description = "Properties file with settings.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        ClusterConfig cluster;
        WorkerSettings settings;
        DeviceSpec spec;
        try {
            Map<String, String> flags = new HashMap<>();
            flags.put("kafka.bootstrap", kafka);
            flags.put("registry.url", registry);
            flags.put("model.bundle", bundle == null ? null : bundle.toString());
            flags.put("model.device", device);
            flags.put("model.precision", precision);
            flags.put("worker.id", id);
            flags.put("worker.count", workers == null ? null : workers.toString());
            flags.put("worker.batch.frames", batchFrames == null ? null : batchFrames.toString());
            ConfigSource source = ConfigSource.load(Optional.ofNullable(configFile), System.getenv()).withFlags(flags);
            cluster = ClusterConfig.from(source);
            settings = WorkerSettings.from(source);
            spec = DeviceSpec.parse(settings.device(), settings.precision());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("vigil worker: " + e.getMessage());
            return 2;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int count = settings.workers() > 0 ? settings.workers()
                : spec.isGpu() ? 1 : CpuThreads.forCores(cores, clipPartitions(cluster, cores)).workers();
        if (!spec.isGpu()) {
            new CpuThreads(count, Math.max(1, cores / count)).applyToPyTorch();
        }
        WorkerConfig defaults = WorkerConfig.defaults(settings.workerId());
        WorkerConfig config = new WorkerConfig(defaults.workerId(), defaults.groupId(), settings.batchFrames(),
                defaults.maxWait(), defaults.decodeThreads(), defaults.lagBound(), defaults.degradedStride(),
                defaults.keyframeLongest());
        try (ModelBundle model = ModelBundle.load(settings.bundle(), spec);
             ClipEncoder encoder = new ClipEncoder(model, settings.batchFrames())) {
            SchemaRegistryClient registryClient = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
            EncoderWorkers workers = EncoderWorkers.start(count, config, cluster.clientConfig(), registryClient,
                    encoder, new SimpleMeterRegistry(), Clock.systemUTC());
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                workers.close();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vigil-worker-shutdown"));
            System.out.println("vigil worker " + config.workerId() + " ready: " + count + " encoder worker(s)"
                    + (spec.isGpu() ? "" : " x " + Math.max(1, cores / count) + " PyTorch thread(s)") + ", model "
                    + model.id() + " on " + settings.device());
            System.out.flush();
            try {
                workers.awaitTermination();
            } finally {
                done.countDown();
            }
        }
        return 0;
    }

    /** Partitions of {@code vigil.clips}: more workers than that would idle; {@code fallback} if it cannot be read. */
    private static int clipPartitions(ClusterConfig cluster, int fallback) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            return admin.describeTopics(List.of(Topics.CLIPS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.CLIPS).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cannot read the partitions of {} ({}); starting one worker per core", Topics.CLIPS, e.toString());
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
