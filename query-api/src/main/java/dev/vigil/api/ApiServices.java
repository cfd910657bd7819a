package dev.vigil.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ask.QuestionEmbedder;
import dev.vigil.api.auth.ApiKeys;
import dev.vigil.api.cameras.CameraStatusSource;
import dev.vigil.api.cameras.CompactedTopic;
import dev.vigil.api.llm.Llm;
import dev.vigil.api.memory.MemoryForwarding;
import dev.vigil.api.memory.MemoryQueryJson;
import dev.vigil.api.memory.MemoryView;
import dev.vigil.api.watch.AlertFeed;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Topics;
import dev.vigil.schema.cameras.CameraDefinitions;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerializer;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.watch.Watch;
import dev.vigil.topologies.watch.WatchJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the API server talks to. {@link #connect} builds the Kafka-backed parts; the ports
 * ({@link QuestionEmbedder}, {@link CameraStatusSource}, {@link Llm}) come from {@code cli}.
 *
 * @param keys          API keys (hashes on {@code vigil.api-keys}, shared by every instance)
 * @param cameras       {@code vigil.cameras} as a map, written through
 * @param watches       {@code vigil.watches} as a map, written through
 * @param alerts        the follower of {@code vigil.alerts}
 * @param memory        TokenMemory on every instance (IQv2 here, forwarding to the others); also answers the
 *                      queries other instances forward here
 * @param memoryQueries the JSON form of forwarded memory queries (the internal route reads it)
 * @param instanceToken shared secret of the API instances of one installation (internal route)
 * @param embedder      the question embedder (port)
 * @param cameraStatus  ingest status (port)
 * @param llm           the LLM, if one is configured
 * @param checks        health checks (Kafka, registry, store)
 * @param metrics       the Prometheus registry served on {@code /metrics}
 */
public record ApiServices(ApiKeys keys, CompactedTopic<CameraConfig> cameras, CompactedTopic<Watch> watches,
                          AlertFeed alerts, MemoryView memory, MemoryQueryJson memoryQueries, String instanceToken,
                          QuestionEmbedder embedder, CameraStatusSource cameraStatus, Optional<Llm> llm,
                          List<HealthCheck> checks, PrometheusMeterRegistry metrics) implements AutoCloseable {

    /**
     * Connects to Kafka: starts following {@code vigil.cameras}, {@code vigil.watches} and {@code vigil.alerts}
     * (the topics must exist: {@code Topics.ensure}).
     *
     * @param clientConfig  Kafka client settings (bootstrap servers, security)
     * @param queries       the TokenMemory queries of this instance's Streams app
     * @param scheme        {@code http} or {@code https}, what the API instances listen on (for forwarding)
     */
    public static ApiServices connect(Map<String, Object> clientConfig, SchemaRegistryClient registry,
                                      MemoryQueries queries, ApiKeys keys, QuestionEmbedder embedder,
                                      CameraStatusSource cameraStatus, Optional<Llm> llm, String scheme,
                                      String instanceToken, List<HealthCheck> checks, PrometheusMeterRegistry metrics) {
        ObjectMapper json = new ObjectMapper();
        AvroDeserializer<CameraConfig> configs = new AvroDeserializer<>(registry, CameraConfig.class);
        CameraDefinitions definitions = new CameraDefinitions(clientConfig,
                new AvroSerializer<CameraConfig>(registry, true, false), Clock.systemUTC());
        CompactedTopic<CameraConfig> cameras = new CompactedTopic<CameraConfig>(clientConfig, Topics.CAMERAS,
                bytes -> configs.deserialize(Topics.CAMERAS, bytes), writing(definitions)).start();
        WatchJson watchJson = new WatchJson();
        CompactedTopic<Watch> watches = new CompactedTopic<Watch>(clientConfig, Topics.WATCHES, watchJson::watch,
                CompactedTopic.producing(clientConfig, Topics.WATCHES, watchJson::watch)).start();
        AlertFeed alerts = new AlertFeed(clientConfig).start();
        MemoryQueryJson memoryQueries = new MemoryQueryJson(json);
        MemoryView memory = new MemoryView(queries, new MemoryForwarding(json, memoryQueries, scheme, instanceToken), json);
        return new ApiServices(keys, cameras, watches, alerts, memory, memoryQueries, instanceToken, embedder, cameraStatus,
                llm, checks, metrics);
    }

    /** {@code vigil.cameras} is written by its one writer, which stamps {@code updatedAt} itself. */
    private static CompactedTopic.Writer<CameraConfig> writing(CameraDefinitions definitions) {
        return new CompactedTopic.Writer<>() {
            @Override
            public RecordMetadata put(String id, CameraConfig config) {
                return definitions.put(config);
            }

            @Override
            public RecordMetadata delete(String id) {
                return definitions.delete(id);
            }

            @Override
            public void close() {
                definitions.close();
            }
        };
    }

    @Override
    public void close() {
        keys.close();
        alerts.close();
        watches.close();
        cameras.close();
    }
}
