package dev.vigil.bench.driver;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the committed {@code vigil.clip-tokens} records of the benchmark's cameras from the moment it starts,
 * for what TokenMemory entries do not carry: the clip's ingest and encode times. Outside the measured path:
 * it does not decide when a clip counts as queryable.
 */
final class ClipTokensTap implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<ClipTokens> tokens;
    private final Set<String> cameras;
    private final Map<String, TappedClip> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ClipTokensTap(String bootstrapServers, SchemaRegistryClient registry, Set<String> cameras) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20,
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-bench-tap"), new StringDeserializer(), new ByteArrayDeserializer());
        this.tokens = new AvroDeserializer<>(registry, ClipTokens.class);
        this.cameras = Set.copyOf(cameras);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLIP_TOKENS).stream()
                .map(p -> new TopicPartition(Topics.CLIP_TOKENS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end offsets now, before any camera of this run produces, so nothing of it is skipped
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::loop, "bench-clip-tokens-tap");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && cameras.contains(r.key()) && r.value() != null) {
                        ClipTokens t = tokens.deserialize(r.topic(), r.value());
                        seen.put(key(t.getCameraId().toString(), t.getClipIndex()), new TappedClip(
                                t.getCameraId().toString(), t.getClipIndex(), t.getIngestTime().toEpochMilli(),
                                t.getEncodeTime().toEpochMilli(), t.getTokens().getCount(),
                                t.getFrameEmbeddings().getCount(), t.getSamplingStride()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The tapped record of a clip, if it has been read. */
    TappedClip clip(String cameraId, long clipIndex) {
        return seen.get(key(cameraId, clipIndex));
    }

    private static String key(String camera, long clipIndex) {
        return camera + '\u0000' + clipIndex;
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
