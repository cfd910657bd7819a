package dev.vigil.cli;

import dev.vigil.api.ApiProcess;
import dev.vigil.api.cameras.CameraStatusSource;
import dev.vigil.api.llm.Llm;
import dev.vigil.app.BundleLocation;
import dev.vigil.app.BundleQuestionEmbedder;
import dev.vigil.cli.config.ApiConfig;
import dev.vigil.cli.config.ClusterConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import dev.vigil.cli.config.LlmConfig;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.topologies.VigilStreams;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code vigil api}: the query API and dashboard against a running Kafka. The process is also an instance of
 * the {@code vigil-memory} Streams application (TokenMemory and standing questions), so it owns TokenMemory
 * partitions and answers for their cameras, forwarding questions about the others to their owners; start
 * several behind a load balancer, all with the same {@code VIGIL_API_INSTANCE_TOKEN} (the secret they present to
 * each other when forwarding).
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Run the query API and dashboard (with a share of TokenMemory) against a given Kafka.")
final class ApiCommand implements Callable<Integer> {
    @Option(names = "--kafka", description = "Kafka bootstrap servers (env VIGIL_KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (env VIGIL_REGISTRY_URL).")
    String registry;

    @Option(names = "--port", description = "HTTP port (default 8080; env VIGIL_API_PORT).")
    Integer port;

    @Option(names = "--host", description = "Address other instances reach this one at (default: the bind address,"
            + " or 127.0.0.1 when that is 0.0.0.0; env VIGIL_API_HOST).")
    String host;

    @Mixin
    ApiOptions apiOptions = new ApiOptions();

    @Option(names = "--data", description = "Folder for state and API keys (default ./data; env VIGIL_DATA_DIR).")
    Path data;

    @Option(names = "--bundle", description = "Model bundle whose text side embeds questions and whose answer model, if it"
            + " has one, writes answers when no --llm-url is given (default: built-in synthcam-tiny).")
    Path bundle;

    @Option(names = "--config", description = "Properties file with settings.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        ClusterConfig cluster;
        ConfigSource source;
        ApiConfig apiConfig;
        LlmConfig llm;
        try {
            Map<String, String> flags = new HashMap<>();
            flags.put("kafka.bootstrap", kafka);
            flags.put("registry.url", registry);
            flags.put("api.port", port == null ? null : port.toString());
            flags.put("api.host", host);
            flags.put("data.dir", data == null ? null : data.toString());
            flags.put("model.bundle", bundle == null ? null : bundle.toString());
            apiOptions.putInto(flags);
            source = ConfigSource.load(Optional.ofNullable(configFile), System.getenv()).withFlags(flags);
            cluster = ClusterConfig.from(source);
            apiConfig = ApiConfig.from(source);
            llm = LlmConfig.from(source);
        } catch (ConfigException e) {
            System.err.println("vigil api: " + e.getMessage());
            return 2;
        }
        Path dir = Path.of(source.string("data.dir", "data")).toAbsolutePath();
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SchemaRegistryClient registryClient = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        ModelBundle model = ModelBundle.load(BundleLocation.resolve(Optional.ofNullable(source.string("model.bundle", null))
                .map(Path::of), dir), DeviceSpec.cpu());
        ClipEncoder encoder = new ClipEncoder(model, 8);
        VigilStreams streams = VigilStreams.memoryOnly(cluster.bootstrapServers(), registryClient, dir.resolve("streams"),
                new HostInfo(apiConfig.advertised(), apiConfig.port()), TokenMemoryConfig.defaults(), metrics);
        Optional<Llm> answerer = llm.answerer(encoder, clock);
        ApiProcess api = ApiProcess.start(cluster.bootstrapServers(), registryClient, streams, dir, apiConfig.settings(),
                answerer, new BundleQuestionEmbedder(encoder), CameraStatusSource.none(), List.of(), metrics, clock,
                apiConfig.instanceToken());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            streams.close();
            encoder.close();
            model.close();
            stopped.countDown();
        }, "vigil-api-shutdown"));
        streams.awaitRunning(Duration.ofSeconds(60));
        api.firstAdminKey().ifPresent(key -> System.out.println("admin API key (shown once, stored hashed in "
                + dir.resolve("api-keys.json") + "): " + key));
        System.out.println("vigil api ready: " + apiConfig.localUrl() + " (model " + model.id() + ", answers: "
                + llm.describe(answerer) + ")");
        stopped.await();
        return 0;
    }
}
