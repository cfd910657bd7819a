package dev.vigil.schema;

import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.schema.serde.WireFormatException;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A malformed record on a vigil topic ends up on vigil.dlq with its reason; good records around it are unharmed. */
@RealCluster
class DeadLetterIT {
    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    DeadLetterIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    @Test
    void malformedFrameIsRoutedToTheDlqWithItsReason() throws Exception {
        String camera = "cam-" + UUID.randomUUID();
        byte[] key = camera.getBytes(StandardCharsets.UTF_8);
        byte[] good = AvroSerde.forValues(registry, Frame.class).serializer().serialize(Topics.FRAMES, SampleRecords.frame(camera, 1));
        byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            producer.send(new ProducerRecord<>(Topics.FRAMES, key, good)).get();
            producer.send(new ProducerRecord<>(Topics.FRAMES, key, garbage)).get();
            producer.send(new ProducerRecord<>(Topics.FRAMES, key, good)).get();
        }

        // What every vigil consumer does: decode, and dead-letter what does not decode.
        AvroDeserializer<Frame> frames = new AvroDeserializer<>(registry, Frame.class);
        DeadLetters deadLetters = new DeadLetters(AvroSerde.forValues(registry, DeadLetter.class).serializer(),
                "dead-letter-test", Clock.systemUTC());
        List<Frame> decoded = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.FRAMES, key, 3)) {
                try {
                    decoded.add(frames.deserialize(record.topic(), record.value()));
                } catch (WireFormatException e) {
                    producer.send(deadLetters.of(record, e.getMessage(), e)).get();
                }
            }
        }

        assertThat(decoded).hasSize(2);
        ConsumerRecord<byte[], byte[]> letter = readAll(Topics.DLQ, key, 1).get(0);
        String reason = new String(letter.headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("vigil.frames").contains("magic byte");
        DeadLetter value = new AvroDeserializer<>(registry, DeadLetter.class).deserialize(Topics.DLQ, letter.value());
        assertThat(value.getReason()).isEqualTo(reason);
        assertThat(value.getSourceTopic()).isEqualTo(Topics.FRAMES);
        assertThat(value.getService()).isEqualTo("dead-letter-test");
        assertThat(value.getErrorClass()).isEqualTo(WireFormatException.class.getName());
        assertThat(value.getValue()).isEqualTo(java.nio.ByteBuffer.wrap(garbage));
    }

    @Test
    void theBrokerRefusesAFrameOverTheTopicLimit() {
        int limit = Topics.singleBroker().spec(Topics.FRAMES).maxMessageBytes();
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.FRAMES, new byte[]{1}, new byte[limit + 1024])).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    private KafkaProducer<byte[], byte[]> bytesProducer() {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("max.request.size", 32 << 20);
        config.put("compression.type", "none");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, byte[] key, int expected) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(key, r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        assertThat(found).as("records with key on " + topic).hasSize(expected);
        return found;
    }
}
