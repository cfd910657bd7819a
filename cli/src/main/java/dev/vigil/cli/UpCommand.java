package dev.vigil.cli;

import dev.vigil.api.ApiProcess;
import dev.vigil.api.llm.Llm;
import dev.vigil.app.BundleLocation;
import dev.vigil.app.BundleQuestionEmbedder;
import dev.vigil.app.IngestHealth;
import dev.vigil.app.IngestStatusSource;
import dev.vigil.app.Pipeline;
import dev.vigil.app.VigilCluster;
import dev.vigil.cli.config.ApiConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import dev.vigil.cli.config.LlmConfig;
import dev.vigil.cli.config.UpConfig;
import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.RedactedUrl;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.ingest.synthcam.GroundTruthLog;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code vigil up}: a whole vigil on this machine — a real Kafka broker and schema registry in child
 * processes, the topics and contracts, ingest (with a synthetic camera unless cameras are given), and the
 * API — until Ctrl-C, which stops everything in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run everything embedded: Kafka, schema registry, pipeline, API and dashboard.")
final class UpCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(UpCommand.class);
    private static final Duration READY = Duration.ofSeconds(120);
    static final String DEFAULT_CAMERA = "synthcam-1";
    /** Real time, so its event times follow the wall clock (and Kafka never sees a future timestamp). */
    static final String DEFAULT_CAMERA_URL = "synthcam://1?pace=realtime";

    @Option(names = "--data", description = "Data folder, kept across restarts (default: ./data; env VIGIL_DATA_DIR).")
    Path data;

    @Option(names = "--port", description = "API and dashboard port (default: 8080; env VIGIL_API_PORT).")
    Integer port;

    @Option(names = "--kafka-port", description = "Kafka port (default: as last time on this data folder, else free).")
    Integer kafkaPort;

    @Option(names = "--registry-port", description = "Schema registry port (default: as last time, else free).")
    Integer registryPort;

    @Option(names = "--config", description = "Properties file with settings (keys like api.port).")
    Path configFile;

    @Option(names = "--bundle", description = "Model bundle folder (default: the built-in synthcam-tiny; env VIGIL_MODEL_BUNDLE).")
    Path bundle;

    @Option(names = "--camera", paramLabel = "ID=URL",
            description = "A camera to run; repeatable (default: one real-time synthetic camera, " + DEFAULT_CAMERA
                    + " = " + DEFAULT_CAMERA_URL + ").")
    Map<String, String> cameras = new LinkedHashMap<>();

    @Mixin
    ApiOptions apiOptions = new ApiOptions();

    @Override
    public Integer call() {
        UpConfig config;
        Optional<Path> modelBundle;
        ApiConfig apiConfig;
        LlmConfig llm;
        try {
            Map<String, String> flags = new HashMap<>();
            flags.put("data.dir", data == null ? null : data.toString());
            flags.put("api.port", port == null ? null : port.toString());
            flags.put("kafka.port", kafkaPort == null ? null : kafkaPort.toString());
            flags.put("registry.port", registryPort == null ? null : registryPort.toString());
            flags.put("model.bundle", bundle == null ? null : bundle.toString());
            apiOptions.putInto(flags);
            ConfigSource source = ConfigSource.load(Optional.ofNullable(configFile), System.getenv()).withFlags(flags);
            config = UpConfig.from(source);
            apiConfig = ApiConfig.from(source);
            llm = LlmConfig.from(source);
            modelBundle = Optional.ofNullable(source.string("model.bundle", null)).map(Path::of);
        } catch (ConfigException e) {
            System.err.println("vigil up: " + e.getMessage());
            return 2;
        }

        Deque<AutoCloseable> running = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.err.println("vigil: stopping…");
            stopAll(running);
            stopped.countDown();
        }, "vigil-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Path dir = config.dataDir().toAbsolutePath();
            VigilCluster cluster = VigilCluster.embedded(dir, config.kafkaPort(), config.registryPort(),
                    config.partitions());
            running.push(cluster);
            log.info("topics ready ({} created)", cluster.createdTopics().size());
            SchemaRegistryClient registryClient = cluster.registryClient();

            Clock clock = Clock.systemUTC();
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            GroundTruthLog groundTruth = new GroundTruthLog(dir.resolve("ground-truth"));
            running.push(groundTruth);
            IngestNode ingest = IngestNode.start(IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl()),
                    CameraSources.standard(clock, groundTruth), metrics, clock);
            running.push(ingest);
            Map<String, String> toRun = cameras.isEmpty() ? Map.of(DEFAULT_CAMERA, DEFAULT_CAMERA_URL) : cameras;
            toRun.forEach(ingest.admin()::put);

            int apiPort = apiConfig.port();
            Pipeline pipeline = Pipeline.start(new Pipeline.Settings(cluster.bootstrapServers(), registryClient,
                    dir.resolve("streams"), BundleLocation.resolve(modelBundle, dir), WorkerConfig.defaults("up-0"),
                    new HostInfo(apiConfig.advertised(), apiPort), TokenMemoryConfig.defaults(),
                    Pipeline.Settings.defaultThreads(config.partitions())), metrics, clock);
            running.push(pipeline);
            if (!pipeline.awaitRunning(READY)) {
                log.warn("the stream processing is still starting (state {}); the API will answer once it runs",
                        pipeline.streams().state());
            }

            Optional<Llm> answerer = llm.answerer(pipeline.encoder(), clock);
            ApiProcess api = ApiProcess.start(cluster.bootstrapServers(), registryClient, pipeline.vigilStreams(), dir,
                    apiConfig.settings(), answerer, new BundleQuestionEmbedder(pipeline.encoder()),
                    new IngestStatusSource(ingest), List.of(pipeline.workerHealth(), IngestHealth.of(ingest)),
                    metrics, clock, apiConfig.instanceToken());
            running.push(api);
            Optional<String> adminKey = api.firstAdminKey();

            System.out.println("kafka: " + cluster.bootstrapServers() + "   schema registry: " + cluster.registryUrl()
                    + "   data: " + dir);
            toRun.forEach((id, url) -> System.out.println("camera " + id + ": " + new RedactedUrl(url)
                    + (new RedactedUrl(url).scheme().equals("synthcam") ? "   ground truth: " + groundTruth.fileOf(id) : "")));
            System.out.println("model: " + pipeline.modelId() + "   answers: " + llm.describe(answerer));
            adminKey.ifPresent(key -> System.out.println("admin API key (shown once, stored hashed in "
                    + dir.resolve("api-keys.json") + "): " + key));
            System.out.println("vigil ready: dashboard " + apiConfig.localUrl());
            System.out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll(running);
            return 1;
        } catch (RuntimeException e) {
            log.debug("start failed", e);
            System.err.println("vigil up failed: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            stopAll(running);
            return 1;
        }
        try {
            stopped.await(); // until Ctrl-C: the shutdown hook stops everything, then releases this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void stopAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("vigil: error while stopping " + next.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
