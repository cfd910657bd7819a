package dev.vigil.cli;

import dev.vigil.cli.config.ClusterConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import dev.vigil.cli.config.WorkerSettings;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.worker.EncoderWorker;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vigil worker}: one encoder worker against a running Kafka; start several for more throughput. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run an encoder worker: vigil.clips -> vigil.clip-tokens + vigil.temporal-state, exactly once.")
final class WorkerCommand implements Callable<Integer> {
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

    @Option(names = "--id", description = "Stable worker id; a restart with the same id fences the old one (default worker-0).")
    String id;

    @Option(names = "--batch-frames", description = "Frame budget per batched forward (default 64).")
    Integer batchFrames;

    @Option(names = "--config", description = "Properties file with settings.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        ClusterConfig cluster;
        WorkerSettings settings;
        try {
            Map<String, String> flags = new HashMap<>();
            flags.put("kafka.bootstrap", kafka);
            flags.put("registry.url", registry);
            flags.put("model.bundle", bundle == null ? null : bundle.toString());
            flags.put("model.device", device);
            flags.put("model.precision", precision);
            flags.put("worker.id", id);
            flags.put("worker.batch.frames", batchFrames == null ? null : batchFrames.toString());
            ConfigSource source = ConfigSource.load(Optional.ofNullable(configFile), System.getenv()).withFlags(flags);
            cluster = ClusterConfig.from(source);
            settings = WorkerSettings.from(source);
        } catch (ConfigException e) {
            System.err.println("vigil worker: " + e.getMessage());
            return 2;
        }
        WorkerConfig defaults = WorkerConfig.defaults(settings.workerId());
        WorkerConfig config = new WorkerConfig(defaults.workerId(), defaults.groupId(), settings.batchFrames(),
                defaults.maxWait(), defaults.decodeThreads(), defaults.lagBound(), defaults.degradedStride(),
                defaults.keyframeLongest());
        try (ModelBundle model = ModelBundle.load(settings.bundle(), DeviceSpec.parse(settings.device(), settings.precision()));
             ClipEncoder encoder = new ClipEncoder(model, settings.batchFrames())) {
            SchemaRegistryClient registryClient = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
            EncoderWorker worker = new EncoderWorker(config, cluster.clientConfig(), registryClient, encoder,
                    new SimpleMeterRegistry(), Clock.systemUTC());
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                worker.close();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vigil-worker-shutdown"));
            System.out.println("vigil worker " + config.workerId() + " ready: model " + model.id() + " on " + settings.device());
            System.out.flush();
            try {
                worker.run();
            } finally {
                done.countDown();
            }
        }
        return 0;
    }
}
