package dev.vigil.topologies;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How vigil's Kafka Streams applications run: exactly-once v2, state under a folder of their own, and
 * record sizes that fit clips of JPEG frames, and exception handlers that skip (log and count in
 * {@code incidents}) what one record breaks instead of stopping the application.
 *
 * @param applicationId     the Streams application id (consumer group, changelog prefix)
 * @param bootstrapServers  Kafka
 * @param stateDir          RocksDB state; keep it on a persistent disk to avoid restoring from changelogs
 * @param applicationServer {@code host:port} of this instance's API, for interactive-query forwarding
 * @param threads           stream threads
 * @param extra             further client settings (security), applied last
 * @param incidents         where the exception handlers report skipped records, for health
 */
public record StreamsSettings(String applicationId, String bootstrapServers, Path stateDir,
                              Optional<String> applicationServer, int threads, Map<String, Object> extra,
                              StreamsIncidents incidents) {

    /** Settings reporting to a fresh {@link StreamsIncidents#standard} of the application. */
    public StreamsSettings(String applicationId, String bootstrapServers, Path stateDir,
                           Optional<String> applicationServer, int threads, Map<String, Object> extra) {
        this(applicationId, bootstrapServers, stateDir, applicationServer, threads, extra,
                StreamsIncidents.standard(applicationId));
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1); // the broker's default: 1 locally, 3 in production
        // Only the control-plane global store reads Avro at the source; frames are decoded inside processors,
        // which dead-letter what they cannot read. A bad camera config is logged and skipped, never fatal.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // Processors dead-letter what they cannot process; these skip what slips past them (see SkippedRecordHandlers).
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, SkippedRecordHandlers.Production.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkippedRecordHandlers.Processing.class);
        p.put(StreamsIncidents.CONFIG_KEY, incidents);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 16 << 20);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 8 << 20);
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), Integer.toString(16 << 20));
        applicationServer.ifPresent(s -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s));
        p.putAll(extra);
        return p;
    }
}
