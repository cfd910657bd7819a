package dev.vigil.schema;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes keyed records to one (compacted) control topic, one at a time, each acknowledged by every in-sync
 * replica before the call returns: for definitions people change by hand ({@code vigil.cameras},
 * {@code vigil.watches}), where a caller must know the change is durable, not for streams of data.
 */
public final class TopicWriter implements AutoCloseable {
    /** How long a write may take, acknowledgement included. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    /**
     * @param clientConfig connection settings (bootstrap servers, security)
     * @param clientId     the producer's client id, unless {@code clientConfig} sets one
     */
    public TopicWriter(Map<String, Object> clientConfig, String topic, String clientId) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /**
     * Writes {@code value} under {@code key} ({@code null}: a tombstone) and waits for the acknowledgement.
     *
     * @param what what the write does, for the error message (e.g. {@code define camera door})
     * @return where the record landed, so a reader of the topic can wait until it has read it back
     * @throws IllegalStateException when Kafka refuses the write or does not acknowledge it in time
     */
    public RecordMetadata write(String key, byte[] value, String what) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + what + ": Kafka refused the write to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": Kafka did not acknowledge the write to " + topic
                    + " within " + ACK_TIMEOUT, e);
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
