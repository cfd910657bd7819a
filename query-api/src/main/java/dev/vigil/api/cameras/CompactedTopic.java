package dev.vigil.api.cameras;

import dev.vigil.schema.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A compacted topic seen as a map: a consumer thread follows every partition from the beginning (no consumer
 * group, so every API instance sees everything), and writes go through the topic's {@link Writer} and return
 * once this instance's view has them (read-your-writes for the caller). Used for {@code vigil.cameras} (written
 * by {@code CameraDefinitions}, the one writer of that topic) and {@code vigil.watches} (written by
 * {@link #producing}).
 *
 * @param <V> the decoded value
 */
public final class CompactedTopic<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopic.class);
    private static final Duration WRITE_TIMEOUT = TopicWriter.ACK_TIMEOUT;

    private final String topic;
    private final Function<byte[], V> decode;
    private final Writer<V> writer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private final Thread follower;
    private volatile boolean caughtUp;
    private volatile String failure;

    /**
     * @param clientConfig bootstrap servers and security settings
     * @param decode       bytes to value; throws {@link IllegalArgumentException} for a record it cannot read,
     *                     which is logged and skipped
     * @param writer       how {@link #put} and {@link #delete} reach the topic; closed with this view
     */
    public CompactedTopic(Map<String, Object> clientConfig, String topic, Function<byte[], V> decode,
                          Writer<V> writer) {
        this.topic = topic;
        this.decode = decode;
        this.writer = writer;
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.follower = new Thread(this::follow, "follow-" + topic);
        this.follower.setDaemon(true);
    }

    /** Starts following the topic. */
    public CompactedTopic<V> start() {
        follower.start();
        return this;
    }

    /** The current value of every key. */
    public Map<String, V> all() {
        return Map.copyOf(values);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether the view has read everything that was on the topic when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Waits until the view has read everything that was on the topic when it started.
     *
     * @throws IllegalStateException when it has not within {@code timeout}, or following failed
     */
    public void awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!caughtUp) {
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("did not read " + topic + " to its end within " + timeout
                            + "; is Kafka reachable and does the topic exist?");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topic, e);
        }
    }

    /** Null while following works, else why it stopped. */
    public String failure() {
        return failure;
    }

    /** Writes {@code value} under {@code key} and waits until this instance's view shows it. */
    public void put(String key, V value) {
        awaitRead(writer.put(key, value));
    }

    /** Writes a tombstone for {@code key} and waits until this instance's view no longer has it. */
    public void delete(String key) {
        awaitRead(writer.delete(key));
    }

    private void awaitRead(RecordMetadata written) {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        try {
            while (applied.getOrDefault(written.partition(), -1L) < written.offset()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("wrote " + topic + " but did not read it back within " + WRITE_TIMEOUT);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading back a write to " + topic, e);
        }
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                for (TopicPartition tp : partitions) {
                    applied.merge(tp.partition(), consumer.position(tp) - 1, Math::max);
                }
                if (!caughtUp && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = "stopped following " + topic + ": " + e.getMessage();
            LOG.error(failure, e);
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (true) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            LOG.info("waiting for topic {} to exist", topic);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            values.remove(r.key());
            return;
        }
        try {
            values.put(r.key(), decode.apply(r.value()));
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable record {} on {}-{}@{}: {}", r.key(), topic, r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        writer.close();
    }

    /**
     * How a {@link CompactedTopic} writes: each call returns once the broker has acknowledged the record, with
     * where it landed.
     *
     * @param <V> the value
     */
    public interface Writer<V> extends AutoCloseable {
        /** Writes {@code value} under {@code key}. */
        RecordMetadata put(String key, V value);

        /** Writes a tombstone for {@code key}. */
        RecordMetadata delete(String key);

        @Override
        void close();
    }

    /** A writer of its own for {@code topic}: {@code encode(value)} through a {@link TopicWriter}. */
    public static <V> Writer<V> producing(Map<String, Object> clientConfig, String topic, Function<V, byte[]> encode) {
        TopicWriter writer = new TopicWriter(clientConfig, topic, "vigil-api-" + topic);
        return new Writer<>() {
            @Override
            public RecordMetadata put(String key, V value) {
                return writer.write(key, encode.apply(value), "write " + key);
            }

            @Override
            public RecordMetadata delete(String key) {
                return writer.write(key, null, "delete " + key);
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }
}
