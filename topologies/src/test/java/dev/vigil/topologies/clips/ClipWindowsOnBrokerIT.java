package dev.vigil.topologies.clips;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Clip;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.cameras.CameraDefinitions;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import dev.vigil.topologies.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The clip windows as a real exactly-once Kafka Streams application on the real broker. */
@RealCluster
class ClipWindowsOnBrokerIT {
    /** Grid-aligned and in the past: brokers refuse record timestamps more than an hour ahead of their clock. */
    private static final Instant T0 = Instant.ofEpochMilli((System.currentTimeMillis() - 3_600_000L) / 2000 * 2000);
    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    @TempDir
    Path stateDir;

    ClipWindowsOnBrokerIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @Test
    void oneHundredTwentySecondsAtTwoFpsBecomeExactlySixtyClipsInOrder() throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
        String camera = "cam-" + UUID.randomUUID();
        AvroSerde<Frame> frames = AvroSerde.forValues(registry, Frame.class);
        Map<String, Object> producerConfig = new HashMap<>(cluster.clientConfig());
        try (CameraDefinitions definitions = new CameraDefinitions(cluster.clientConfig(),
                AvroSerde.forValues(registry, CameraConfig.class).serializer(), java.time.Clock.systemUTC())) {
            definitions.put(camera, "synthcam://1"); // the clip windows clip only cameras defined on vigil.cameras
        }
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), frames.serializer())) {
            for (int i = 0; i < 240; i++) {
                Instant t = T0.plusMillis(500L * i);
                sent.add(producer.send(new ProducerRecord<>(Topics.FRAMES, null, t.toEpochMilli(), camera, Frame.newBuilder()
                        .setCameraId(camera).setSeq(i).setEventTime(t).setIngestTime(t).setWidth(8).setHeight(8)
                        .setJpeg(ByteBuffer.wrap(new byte[]{1, 2, 3})).build())));
            }
            producer.flush();
        }
        for (var f : sent) {
            f.get(); // a refused frame fails the test here, not as a missing clip later
        }

        StreamsSettings settings = new StreamsSettings("clip-windows-it-" + UUID.randomUUID(), cluster.bootstrapServers(),
                stateDir, Optional.empty(), 1, Map.of("commit.interval.ms", 200));
        List<Clip> clips;
        try (KafkaStreams streams = new KafkaStreams(
                ClipWindowsTopology.build(registry, ClipWindowsConfig.defaults(), new SimpleMeterRegistry()), settings.toProperties())) {
            streams.start();
            // The last clip closes when the camera has been silent for 5 s of wall-clock time.
            clips = readClips(camera, 60, Duration.ofSeconds(90));
        }

        assertThat(clips).hasSize(60);
        assertThat(clips).extracting(Clip::getClipIndex).containsExactlyElementsOf(
                LongStream.range(0, 60).map(i -> clips.get(0).getClipIndex() + i).boxed().toList());
        assertThat(clips).allSatisfy(c -> assertThat(c.getFrames()).hasSize(4));
        assertThat(clips.get(0).getStart()).isEqualTo(T0);
        assertThat(clips.get(59).getEnd()).isEqualTo(T0.plusSeconds(120));
    }

    private List<Clip> readClips(String camera, int expected, Duration timeout) {
        AvroSerde<Clip> serde = AvroSerde.forValues(registry, Clip.class);
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("isolation.level", "read_committed");
        config.put("max.partition.fetch.bytes", 8 << 20);
        List<Clip> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLIPS).stream()
                    .map(p -> new TopicPartition(Topics.CLIPS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (camera.equals(r.key())) {
                        found.add(serde.deserializer().deserialize(r.topic(), r.value()));
                    }
                }
            }
            // Nothing beyond the expected clips may follow.
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (camera.equals(r.key())) {
                    found.add(serde.deserializer().deserialize(r.topic(), r.value()));
                }
            });
        }
        return found;
    }
}
