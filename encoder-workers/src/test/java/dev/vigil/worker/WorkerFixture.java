package dev.vigil.worker;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.clip.ClipInput;
import dev.vigil.models.clip.EncodedClip;
import dev.vigil.models.clip.StreamState;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.mamba.MambaLayerState;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.testkit.ClusterEndpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Clips with real JPEG frames, a seeded tiny bundle, and readers of what the workers produced. */
final class WorkerFixture {
    static final Instant T0 = Instant.ofEpochMilli((System.currentTimeMillis() - 3_600_000L) / 2000 * 2000);

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    WorkerFixture(ClusterEndpoints cluster, SchemaRegistryClient registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    static Path bundle(Path dir) {
        return new SeededBundleWriter(SeededBundleWriter.Shape.tiny(), 7).temporalLayers(2).writeTo(dir.resolve("tiny-eos"));
    }

    static ModelBundle load(Path bundle) {
        return ModelBundle.load(bundle, DeviceSpec.cpu());
    }

    /** Clip {@code index} of {@code camera}: 4 deterministic 24×24 JPEG frames. */
    static Clip clip(String camera, long index) {
        Instant start = T0.plusSeconds(2 * index);
        List<ClipFrame> frames = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            frames.add(new ClipFrame(index * 4 + f, start.plusMillis(500L * f), 24, 24,
                    ByteBuffer.wrap(jpeg(camera.hashCode() * 31L + index * 4 + f))));
        }
        return Clip.newBuilder().setCameraId(camera).setClipIndex(index).setStart(start).setEnd(start.plusSeconds(2))
                .setExpectedFrames(4).setPartial(false).setFrames(frames).setIngestTime(start.plusSeconds(2)).build();
    }

    static byte[] jpeg(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
        int base = random.nextInt(0xffffff);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 24; x++) {
                image.setRGB(x, y, (base + x * 0x0a0301 + y * 0x01050a + random.nextInt(16)) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    void send(List<Clip> clips) {
        AvroSerde<Clip> serde = AvroSerde.forValues(registry, Clip.class);
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("max.request.size", 8 << 20);
        try (KafkaProducer<String, Clip> producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Clip c : clips) {
                sent.add(producer.send(new ProducerRecord<>(Topics.CLIPS, null, c.getEnd().toEpochMilli(), c.getCameraId(), c)));
            }
            for (var f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError("could not send clips", e);
        }
    }

    void sendRaw(String camera, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cluster.clientConfig(), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLIPS, camera, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Committed records of {@code topic} whose key passes {@code keys}, read until {@code done} or the timeout. */
    List<ConsumerRecord<String, byte[]>> readCommitted(String topic, Predicate<String> keys,
                                                       Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("isolation.level", "read_committed");
        config.put("max.partition.fetch.bytes", 8 << 20);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(found)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && keys.test(r.key())) {
                        found.add(r);
                    }
                }
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) { // anything beyond?
                if (r.key() != null && keys.test(r.key())) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    List<ClipTokens> tokens(List<ConsumerRecord<String, byte[]>> records) {
        AvroSerde<ClipTokens> serde = AvroSerde.forValues(registry, ClipTokens.class);
        return records.stream().map(r -> serde.deserializer().deserialize(r.topic(), r.value())).toList();
    }

    /** The last committed temporal state of each camera. */
    Map<String, TemporalState> latestStates(List<ConsumerRecord<String, byte[]>> records) {
        AvroSerde<TemporalState> serde = AvroSerde.forValues(registry, TemporalState.class);
        Map<String, TemporalState> latest = new LinkedHashMap<>();
        records.forEach(r -> latest.put(r.key(), serde.deserializer().deserialize(r.topic(), r.value())));
        return latest;
    }

    /** Each camera's state after encoding its clips one by one, in order, in this process: the uninterrupted run. */
    static Map<String, byte[]> referenceStates(ClipEncoder encoder, Map<String, List<Clip>> clipsByCamera) {
        Map<String, byte[]> states = new LinkedHashMap<>();
        clipsByCamera.forEach((camera, clips) -> {
            Optional<byte[]> state = Optional.empty();
            for (Clip c : clips) {
                List<RgbFrame> frames = c.getFrames().stream()
                        .map(f -> JpegFrames.decode(f.getJpeg(), "reference frame")).toList();
                EncodedClip out = encoder.encode(List.of(new ClipInput(camera, frames, state, 1))).get(0);
                state = Optional.of(out.newState());
            }
            states.put(camera, state.orElseThrow());
        });
        return states;
    }

    /** Two serialised stream states agree to fp32 tolerance (batching may reorder float sums). */
    static void assertSameState(ClipEncoder encoder, String camera, byte[] actual, byte[] expected) {
        StreamState a = encoder.readState(camera, actual);
        StreamState e = encoder.readState(camera, expected);
        assertThat(a.framesSeen()).as(camera + " frames seen").isEqualTo(e.framesSeen());
        assertThat(a.temporal()).as(camera + " has a Mamba state").isPresent();
        List<MambaLayerState> al = a.temporal().get().layers();
        List<MambaLayerState> el = e.temporal().get().layers();
        assertThat(al).hasSameSizeAs(el);
        for (int i = 0; i < al.size(); i++) {
            assertClose(camera + " layer " + i + " ssm", al.get(i).ssm(), el.get(i).ssm());
            assertClose(camera + " layer " + i + " conv", al.get(i).convTail(), el.get(i).convTail());
        }
        assertClose(camera + " global mean", a.global().mean(), e.global().mean());
    }

    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            float tolerance = 1e-4f + 1e-4f * Math.abs(expected[i]);
            assertThat(Math.abs(actual[i] - expected[i])).as(what + "[" + i + "]").isLessThanOrEqualTo(tolerance);
        }
    }
}
