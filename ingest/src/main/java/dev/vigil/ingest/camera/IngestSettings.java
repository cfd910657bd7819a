package dev.vigil.ingest.camera;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.vigil.ingest.kafka.InFlightLimit;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;

/**
 * How an ingest instance connects and behaves.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registry         the schema registry
 * @param groupId          the consumer group of ingest instances over {@code vigil.cameras}
 * @param kafkaProperties  extra client properties (security, client id prefix), applied to every client
 * @param inFlight         per camera in-flight bound of the frame producer
 * @param maxRecordBytes   the largest {@code vigil.frames} record (the topic's {@code max.message.bytes})
 * @param stopTimeout      how long stopping one camera may wait for its thread
 */
public record IngestSettings(String bootstrapServers, RegistrySettings registry, String groupId,
                             Map<String, String> kafkaProperties, InFlightLimit inFlight, int maxRecordBytes,
                             Duration stopTimeout) {

    /** The default consumer group of ingest instances. */
    public static final String DEFAULT_GROUP = "vigil-ingest";

    public IngestSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(groupId, "groupId");
        kafkaProperties = Map.copyOf(kafkaProperties);
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /** Defaults: group {@value #DEFAULT_GROUP}, standard in-flight bound, the frames topic's record limit. */
    public static IngestSettings of(String bootstrapServers, String registryUrl) {
        return new IngestSettings(bootstrapServers, RegistrySettings.of(registryUrl), DEFAULT_GROUP, Map.of(),
                InFlightLimit.standard(), Topics.singleBroker().spec(Topics.FRAMES).maxMessageBytes(),
                Duration.ofSeconds(15));
    }

    /** The same settings in another consumer group. */
    public IngestSettings withGroup(String group) {
        return new IngestSettings(bootstrapServers, registry, group, kafkaProperties, inFlight, maxRecordBytes,
                stopTimeout);
    }

    /** The same settings with another in-flight bound. */
    public IngestSettings withInFlight(InFlightLimit limit) {
        return new IngestSettings(bootstrapServers, registry, groupId, kafkaProperties, limit, maxRecordBytes,
                stopTimeout);
    }

    /** The settings every Kafka client of this instance starts from. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>(kafkaProperties);
        c.put("bootstrap.servers", bootstrapServers);
        return c;
    }
}
