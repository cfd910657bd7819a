package dev.vigil.bench;

import dev.vigil.cluster.ApicurioDistribution;
import dev.vigil.cluster.LocalRegistry;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Frame;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The production Confluent-wire serde ({@code AvroSerializer} / {@code AvroDeserializer}: 5-byte header + Avro
 * binary) on the records the pipeline moves: a {@code Frame} (one 448×256 JPEG from {@link SceneJpegs}), a {@code Clip} (4 of
 * them) and a {@code ClipTokens} (64 merged tokens of width 192 in fp16, 4 frame embeddings, a keyframe). The
 * registry is a real Apicurio Registry ({@code LocalRegistry}, started once per trial in a temporary folder); the
 * serde reaches it only for its first record, before the timed iterations. One op = one record; the score is
 * records/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
public class SerdeBenchmark {
    private static final int TOKENS = 64;
    private static final int DIM = 192;
    private static final int FRAMES = 4;

    /** Which record: {@code frame}, {@code clip} or {@code clip-tokens}. */
    @Param({"frame", "clip", "clip-tokens"})
    public String payload;

    private LocalRegistry registry;
    private Path registryDir;
    private String topic;
    private SpecificRecord record;
    private AvroSerializer<SpecificRecord> serializer;
    private AvroDeserializer<? extends SpecificRecord> deserializer;
    private byte[] bytes;

    /** Builds the record and warms both serde caches (schema id, datum reader) against the real registry. */
    @Setup
    public void build() {
        try {
            registryDir = Files.createTempDirectory("vigil-bench-registry");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry = LocalRegistry.start(ApicurioDistribution.defaults(), registryDir, 0, Duration.ofSeconds(180));
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.confluentApiUrl()));
        List<byte[]> jpegs = SceneJpegs.frames(FRAMES);
        Random random = new Random(3);
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        switch (payload) {
            case "frame" -> {
                topic = Topics.FRAMES;
                record = Frame.newBuilder().setCameraId("cam-1").setSeq(1).setEventTime(t).setIngestTime(t)
                        .setWidth(448).setHeight(256).setJpeg(ByteBuffer.wrap(jpegs.get(0))).setThumbnail(null).build();
                deserializer = new AvroDeserializer<>(client, Frame.class);
            }
            case "clip" -> {
                topic = Topics.CLIPS;
                List<ClipFrame> frames = new ArrayList<>();
                for (int i = 0; i < FRAMES; i++) {
                    frames.add(ClipFrame.newBuilder().setSeq(i).setEventTime(t.plusMillis(500L * i)).setWidth(448)
                            .setHeight(256).setJpeg(ByteBuffer.wrap(jpegs.get(i))).build());
                }
                record = Clip.newBuilder().setCameraId("cam-1").setClipIndex(1).setStart(t).setEnd(t.plusSeconds(2))
                        .setExpectedFrames(FRAMES).setPartial(false).setFrames(frames).setIngestTime(t).setModelId(null)
                        .build();
                deserializer = new AvroDeserializer<>(client, Clip.class);
            }
            case "clip-tokens" -> {
                topic = Topics.CLIP_TOKENS;
                List<Integer> sizes = new ArrayList<>();
                List<Instant> times = new ArrayList<>();
                for (int i = 0; i < TOKENS; i++) {
                    sizes.add(4);
                }
                for (int i = 0; i < FRAMES; i++) {
                    times.add(t.plusMillis(500L * i));
                }
                record = ClipTokens.newBuilder().setCameraId("cam-1").setClipIndex(1).setStart(t).setEnd(t.plusSeconds(2))
                        .setModelId("synthcam-tiny").setTokens(matrix(TOKENS, random)).setTokenSizes(sizes)
                        .setFrameEmbeddings(matrix(FRAMES, random)).setFrameTimes(times).setSamplingStride(1)
                        .setPartial(false).setKeyframe(ByteBuffer.wrap(randomBytes(6 * 1024, random)))
                        .setIngestTime(t).setEncodeTime(t).build();
                deserializer = new AvroDeserializer<>(client, ClipTokens.class);
            }
            default -> throw new IllegalArgumentException("unknown payload " + payload);
        }
        serializer = new AvroSerializer<>(client, true, false);
        bytes = serializer.serialize(topic, record);
        deserializer.deserialize(topic, bytes);
    }

    /** Stops the registry (its temporary folder goes with the JVM's temp files). */
    @TearDown
    public void close() {
        registry.close();
    }

    /** Record → wire bytes. */
    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(topic, record);
    }

    /** Wire bytes → record. */
    @Benchmark
    public Object deserialize() {
        return deserializer.deserialize(topic, bytes);
    }

    private static TokenMatrix matrix(int count, Random random) {
        return TokenMatrix.newBuilder().setCount(count).setDim(DIM)
                .setFp16(ByteBuffer.wrap(randomBytes(count * DIM * 2, random))).build();
    }

    private static byte[] randomBytes(int n, Random random) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
