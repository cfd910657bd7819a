package dev.vigil.ingest.camera;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.kafka.FrameProducer;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.cameras.CameraDefinitions;
import dev.vigil.schema.Frame;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.schema.serde.AvroSerializer;

/**
 * One running ingest instance: the frame producer, the cameras it runs, and the watcher that decides which
 * (its share of {@code vigil.cameras}), plus a {@link CameraDefinitions} to define cameras. This is what
 * {@code vigil up} and {@code vigil ingest} hold (in {@code vigil up} the API reads camera states from it):
 * <pre>{@code
 * try (IngestNode ingest = IngestNode.start(IngestSettings.of(bootstrap, registryUrl),
 *         CameraSources.standard(clock), meterRegistry, clock)) {
 *     ingest.admin().put("door", "rtsp://user:pw@10.0.0.7/stream1");   // add or change
 *     ingest.cameras();                                                  // states, counters, redacted URLs
 *     ingest.admin().delete("door");                                      // remove
 * }
 * }</pre>
 */
public final class IngestNode implements AutoCloseable {

    private final FrameProducer producer;
    private final CameraRegistry registry;
    private final CameraWatcher watcher;
    private final CameraDefinitions admin;

    private IngestNode(FrameProducer producer, CameraRegistry registry, CameraWatcher watcher, CameraDefinitions admin) {
        this.producer = producer;
        this.registry = registry;
        this.watcher = watcher;
        this.admin = admin;
    }

    /** Connects to Kafka and the registry and starts watching {@code vigil.cameras}. */
    public static IngestNode start(IngestSettings settings, CameraSources sources, MeterRegistry meters, Clock clock) {
        SchemaRegistryClient schemas = new SchemaRegistryClient(settings.registry());
        FrameProducer producer = new FrameProducer(settings.clientConfig(),
                AvroSerde.forValues(schemas, Frame.class).serializer(),
                new DeadLetters(new AvroSerializer<DeadLetter>(schemas, true, false), "vigil-ingest", clock),
                settings.maxRecordBytes(), settings.inFlight());
        CameraRegistry registry = new CameraRegistry(sources, producer, new IngestMetrics(meters, clock),
                settings.maxRecordBytes(), settings.stopTimeout(), clock);
        AvroSerde<CameraConfig> configs = AvroSerde.forValues(schemas, CameraConfig.class);
        CameraDefinitions admin = null;
        CameraWatcher watcher = null;
        try {
            admin = new CameraDefinitions(settings.clientConfig(), configs.serializer(), clock);
            watcher = new CameraWatcher(settings.clientConfig(), settings.groupId(), configs.deserializer(), registry);
            watcher.start();
            return new IngestNode(producer, registry, watcher, admin);
        } catch (RuntimeException e) {
            if (watcher != null) {
                watcher.close();
            }
            if (admin != null) {
                admin.close();
            }
            registry.close();
            producer.close();
            throw e;
        }
    }

    /** The writer of camera definitions on {@code vigil.cameras} (add, change, disable, delete). */
    public CameraDefinitions admin() {
        return admin;
    }

    /** The cameras this instance runs (or holds disabled), with states and counters; URLs redacted. */
    public List<CameraSnapshot> cameras() {
        return registry.cameras();
    }

    /** One camera of this instance, if it is here. */
    public Optional<CameraSnapshot> camera(String id) {
        return registry.camera(id);
    }

    /** Waits until the first assignment of {@code vigil.cameras} has been read and its cameras started. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return watcher.awaitCaughtUp(timeout);
    }

    /** Stops watching, stops every camera, then flushes and closes the producers. */
    @Override
    public void close() {
        watcher.close();
        registry.close();
        producer.close();
        admin.close();
    }
}
