package dev.vigil.schema;

import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every contract through the real registry and broker: serde round trips and a plain consumer reading them. */
@RealCluster
class SerdeRoundTripIT {
    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    SerdeRoundTripIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    static Stream<Object[]> everyContract() {
        String camera = "cam-" + UUID.randomUUID();
        return Stream.of(
                new Object[]{Topics.FRAMES, SampleRecords.frame(camera, 7)},
                new Object[]{Topics.CLIPS, SampleRecords.clip(camera)},
                new Object[]{Topics.CLIP_TOKENS, SampleRecords.clipTokens(camera)},
                new Object[]{Topics.TEMPORAL_STATE, SampleRecords.temporalState(camera)},
                new Object[]{Topics.CAMERAS, SampleRecords.camera(camera)},
                new Object[]{Topics.DLQ, SampleRecords.deadLetter()});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyContract")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void serdeRoundTripThroughTheRegistry(String topic, T record) {
        AvroSerde<T> serde = AvroSerde.forValues(registry, (Class<T>) record.getClass());

        byte[] wire = serde.serializer().serialize(topic, record);
        T back = serde.deserializer().deserialize(topic, wire);

        assertThat(back).isEqualTo(record);
        assertThat(registry.subjects()).contains(topic + "-value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyContract")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void producedWithTheSerdeAndReadBackByAPlainConsumer(String topic, T record) {
        AvroSerde<T> serde = AvroSerde.forValues(registry, (Class<T>) record.getClass());
        String key = "key-" + UUID.randomUUID();
        Map<String, Object> producerConfig = new HashMap<>(cluster.clientConfig());
        producerConfig.put("max.request.size", 16 << 20);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, key, record)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        ConsumerRecord<String, byte[]> consumed = readKey(topic, key);

        assertThat(consumed.value()[0]).as("Confluent magic byte").isZero();
        assertThat(serde.deserializer().deserialize(topic, consumed.value())).isEqualTo(record);
    }

    @Test
    void everyContractIsRegisteredByContractsRegisterAll() {
        Map<String, Integer> ids = Contracts.registerAll(registry);

        assertThat(ids).hasSize(6).allSatisfy((subject, id) -> {
            assertThat(id).isPositive();
            assertThat(registry.schemaById(id)).isEqualTo(Contracts.valueSchemas().get(subject.replace("-value", "")));
        });
    }

    private ConsumerRecord<String, byte[]> readKey(String topic, String key) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("record with key " + key + " not found on " + topic + " within 30 s");
    }
}
