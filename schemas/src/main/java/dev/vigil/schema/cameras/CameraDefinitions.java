package dev.vigil.schema.cameras;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.TopicWriter;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;

/**
 * The one writer of {@code vigil.cameras}: {@link #put} adds or changes a camera (key = camera id, value = its
 * {@link CameraConfig}), {@link #delete} writes its tombstone. Every call waits for the broker's
 * acknowledgement, so when it returns the change is durable and the ingest instances act on it within seconds;
 * it returns where the record landed, so a reader of the topic can wait until it has read it back (the HTTP
 * API does, for read-your-writes). Used by the HTTP API ({@code /v1/cameras}), {@code vigil up},
 * {@code vigil ingest --camera}, the benchmarks and tests (through {@code IngestNode.admin()}).
 *
 * <p>Error messages name the camera id, never its URL: camera URLs often carry credentials.
 */
public final class CameraDefinitions implements AutoCloseable {
    private final TopicWriter topic;
    private final Serializer<CameraConfig> configs;
    private final Clock clock;
    private final ClipBudget budget = ClipBudget.standard();

    /**
     * @param clientConfig connection settings (bootstrap servers, security)
     * @param configs      the Confluent-wire serializer of {@link CameraConfig}
     * @param clock        stamps {@code updatedAt}
     */
    public CameraDefinitions(Map<String, Object> clientConfig, Serializer<CameraConfig> configs, Clock clock) {
        this.topic = new TopicWriter(clientConfig, Topics.CAMERAS, "vigil-camera-definitions");
        this.configs = configs;
        this.clock = clock;
    }

    /** A writer for the cluster of {@code clientConfig}, encoding through the registry of {@code registry}. */
    public static CameraDefinitions connect(Map<String, Object> clientConfig, RegistrySettings registry, Clock clock) {
        return new CameraDefinitions(clientConfig,
                AvroSerde.forValues(new SchemaRegistryClient(registry), CameraConfig.class).serializer(), clock);
    }

    /**
     * A definition with the contract's defaults (2 fps, 448 px, quality 85, 4-frame clips, 24 h, enabled) and
     * {@code updatedAt} now.
     */
    public CameraConfig definition(String id, String url) {
        return CameraConfig.newBuilder().setId(id).setUrl(url).setUpdatedAt(clock.instant()).build();
    }

    /** Adds or replaces camera {@code id} with the default settings. */
    public RecordMetadata put(String id, String url) {
        return put(definition(id, url));
    }

    /**
     * Adds or replaces a camera; {@code updatedAt} is set to now.
     *
     * @throws IllegalArgumentException without an id, or when its clips could exceed what {@code vigil.clips}
     *                                  takes ({@link ClipBudget}: the message says what to change)
     */
    public RecordMetadata put(CameraConfig config) {
        CameraConfig stamped = CameraConfig.newBuilder(config).setUpdatedAt(clock.instant()).build();
        String id = stamped.getId().toString();
        if (id.isBlank()) {
            throw new IllegalArgumentException("a camera needs an id");
        }
        budget.problem(stamped).ifPresent(problem -> {
            throw new IllegalArgumentException("camera " + id + ": " + problem);
        });
        return topic.write(id, configs.serialize(Topics.CAMERAS, stamped), "define camera " + id);
    }

    /** Deletes camera {@code id} (a tombstone): its ingest instance stops it. */
    public RecordMetadata delete(String id) {
        return topic.write(id, null, "delete camera " + id);
    }

    @Override
    public void close() {
        topic.close();
    }
}
