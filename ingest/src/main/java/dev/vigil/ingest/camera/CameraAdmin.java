package dev.vigil.ingest.camera;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.vigil.ingest.RedactedUrl;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;

/**
 * Writes camera definitions to {@code vigil.cameras}: {@link #put} adds or changes a camera, {@link #delete}
 * writes its tombstone. Every call waits for the broker's acknowledgement, so when it returns the change is
 * durable and the ingest instances will act on it within seconds. Used by {@code vigil up}, {@code vigil
 * ingest --camera}, tests, and the HTTP API.
 */
public final class CameraAdmin implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<CameraConfig> configs;
    private final Clock clock;

    /**
     * @param clientConfig connection settings (bootstrap servers, security)
     * @param configs      the Confluent-wire serializer of {@link CameraConfig}
     */
    public CameraAdmin(Map<String, Object> clientConfig, Serializer<CameraConfig> configs, Clock clock) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-camera-admin");
        this.producer = new KafkaProducer<>(c);
        this.configs = configs;
        this.clock = clock;
    }

    /** An admin for the cluster and registry of {@code settings}. */
    public static CameraAdmin connect(IngestSettings settings, Clock clock) {
        SchemaRegistryClient schemas = new SchemaRegistryClient(settings.registry());
        return new CameraAdmin(settings.clientConfig(), AvroSerde.forValues(schemas, CameraConfig.class).serializer(),
                clock);
    }

    /**
     * A definition with the contract's defaults (2 fps, 448 px, quality 85, 4-frame clips, 24 h, enabled) and
     * {@code updatedAt} now.
     */
    public CameraConfig definition(String id, String url) {
        return CameraConfig.newBuilder().setId(id).setUrl(url).setUpdatedAt(clock.instant()).build();
    }

    /** Adds or replaces camera {@code id} with the default settings. */
    public void put(String id, String url) {
        put(definition(id, url));
    }

    /** Adds or replaces a camera; {@code updatedAt} is set to now. */
    public void put(CameraConfig config) {
        CameraConfig stamped = CameraConfig.newBuilder(config).setUpdatedAt(clock.instant()).build();
        String id = stamped.getId().toString();
        if (id.isBlank()) {
            throw new IllegalArgumentException("a camera needs an id");
        }
        write(id, configs.serialize(Topics.CAMERAS, stamped), "define camera " + id + " ("
                + new RedactedUrl(stamped.getUrl().toString()) + ")");
    }

    /** Deletes camera {@code id} (a tombstone): its ingest instance stops it. */
    public void delete(String id) {
        write(id, null, "delete camera " + id);
    }

    private void write(String id, byte[] value, String what) {
        try {
            producer.send(new ProducerRecord<>(Topics.CAMERAS, id, value))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + what + ": " + RedactedUrl.redact(
                    String.valueOf(e.getCause().getMessage())), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": Kafka did not acknowledge within " + ACK_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
