package dev.vigil.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.testkit.ClusterEndpoints;

/**
 * Reads {@code vigil.frames} of the shared test cluster as a plain consumer would, keeping the records of
 * the cameras a test asks about (tests share the topic, so they filter by their own camera ids). Each
 * camera's records are read from the partition its key hashes to, the way Kafka's default partitioner
 * puts them there.
 */
public final class FramesTopic implements AutoCloseable {

    /** One record as it arrived, with the moment the test saw it. */
    public record Received(String cameraId, Frame frame, long timestamp, Map<String, String> headers, long offset,
                           Instant seenAt) {
        public long seq() {
            return frame.getSeq();
        }

        public Instant eventTime() {
            return frame.getEventTime();
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<Frame> frames;
    private final int partitions;
    private final Map<String, List<Received>> byCamera = new HashMap<>();
    private final Predicate<String> cameras;

    /** @param cameras which camera ids to keep (a test's own); the others are skipped without decoding */
    public FramesTopic(ClusterEndpoints cluster, Predicate<String> cameras) {
        this.cameras = cameras;
        Map<String, Object> c = new HashMap<>(cluster.clientConfig());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        this.consumer = new KafkaConsumer<>(c);
        this.frames = new AvroDeserializer<>(new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl())),
                Frame.class);
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            this.partitions = admin.describeTopics(List.of(Topics.FRAMES)).allTopicNames().get()
                    .get(Topics.FRAMES).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(Topics.FRAMES, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** The partition of {@code cameraId}, as the producer's default partitioner picks it. */
    public int partitionOf(String cameraId) {
        return Utils.toPositive(Utils.murmur2(cameraId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Reads whatever has arrived and returns the records of {@code cameraId} so far, in offset order. */
    public synchronized List<Received> of(String cameraId) {
        drain(Duration.ofMillis(200));
        return List.copyOf(byCamera.getOrDefault(cameraId, List.of()));
    }

    /** Waits until {@code condition} holds for the camera's records, or fails after {@code timeout}. */
    public List<Received> await(String cameraId, Predicate<List<Received>> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> got = of(cameraId);
            if (condition.test(got)) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + " of camera " + cameraId + " (have " + got.size() + " records)");
            }
            Thread.sleep(100);
        }
    }

    private void drain(Duration poll) {
        while (true) {
            var records = consumer.poll(poll);
            Instant now = Instant.now();
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.key() == null || r.value() == null || !cameras.test(r.key())) {
                    continue;
                }
                Map<String, String> headers = new HashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                byCamera.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(new Received(r.key(),
                        frames.deserialize(r.topic(), r.value()), r.timestamp(), headers, r.offset(), now));
            }
            if (records.isEmpty()) {
                return;
            }
            poll = Duration.ZERO;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
