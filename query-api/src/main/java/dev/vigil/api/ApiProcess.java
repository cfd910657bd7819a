package dev.vigil.api;

import dev.vigil.api.ask.QuestionEmbedder;
import dev.vigil.api.auth.ApiKeys;
import dev.vigil.api.cameras.CameraStatusSource;
import dev.vigil.api.llm.Llm;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.topologies.VigilStreams;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The query API of one process, wired to the process's {@link VigilStreams}: health of Kafka, the registry and
 * each of the process's Streams applications, API keys kept (hashed) on {@code vigil.api-keys}, the first admin key generated when there is none, and
 * the model that writes answers when there is one (an OpenAI-compatible LLM, or the built-in answer model).
 */
public final class ApiProcess implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiProcess.class);
    private final Admin admin;
    private final ApiServices services;
    private final ApiServer server;
    private final Optional<String> firstAdminKey;

    private ApiProcess(Admin admin, ApiServices services, ApiServer server, Optional<String> firstAdminKey) {
        this.admin = admin;
        this.services = services;
        this.server = server;
        this.firstAdminKey = firstAdminKey;
    }

    /**
     * Starts the API.
     *
     * @param settings      where it listens (address, port, TLS) and its limits
     * @param llm           the model that writes answers ({@code OpenAiCompatibleLlm}, or {@code app}'s built-in
     *                      answerer); empty for evidence-only answers
     * @param extraChecks   health of the process's other parts (encoder worker, ingest)
     * @param instanceToken the secret API instances present to each other when forwarding a question to the
     *                      instance that owns a camera; every instance of a deployment needs the same one. Empty
     *                      for a single instance (a random token then, as nothing is forwarded).
     */
    public static ApiProcess start(String bootstrapServers, SchemaRegistryClient registry, VigilStreams streams,
                                   Path dataDir, ApiSettings settings, Optional<Llm> llm,
                                   QuestionEmbedder embedder, CameraStatusSource cameras,
                                   List<HealthCheck> extraChecks, PrometheusMeterRegistry metrics, Clock clock,
                                   Optional<String> instanceToken) {
        Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrapServers);
        ApiKeys keys = ApiKeys.connect(kafka, clock);
        // Keys of an installation from before vigil.api-keys lived in this file; they move onto the topic once.
        int imported = keys.importFile(dataDir.resolve("api-keys.json"));
        if (imported > 0) {
            LOG.info("moved {} API keys from {} onto {}", imported, dataDir.resolve("api-keys.json"), Topics.API_KEYS);
        }
        Optional<String> adminKey = keys.isEmpty() ? Optional.of(keys.generateAdmin("first admin").plaintext()) : Optional.empty();
        Admin admin = Admin.create(kafka);
        List<HealthCheck> checks = new ArrayList<>(List.of(new KafkaHealth(admin),
                new RegistryHealth(registry.settings().url().toString())));
        checks.addAll(StreamsHealth.of(streams));
        checks.addAll(extraChecks);
        ApiServices services = ApiServices.connect(kafka, registry, streams.memory(), keys, embedder, cameras,
                llm, settings.scheme(), instanceToken.orElseGet(() -> UUID.randomUUID().toString()), checks,
                metrics);
        ApiServer server = new ApiServer(settings, services, clock);
        server.start();
        return new ApiProcess(admin, services, server, adminKey);
    }

    /** The admin key generated at this start, when the data folder had none: shown once, stored hashed. */
    public Optional<String> firstAdminKey() {
        return firstAdminKey;
    }

    @Override
    public void close() {
        server.close();
        services.close();
        admin.close();
    }
}
