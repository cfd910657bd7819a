package dev.vigil.topologies.clips;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clip windows on Kafka Streams' test driver, with the real schema registry for the Avro contracts:
 * grid, grace, late frames, silent cameras, per-camera config and bad records.
 */
@RealCluster
class ClipWindowsIT {
    /** A grid-aligned start: 2026-11-21T08:00:00Z is a multiple of 2 s. */
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private final SchemaRegistryClient registry;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> frames;
    private TestInputTopic<String, CameraConfig> cameras;
    private TestOutputTopic<String, Clip> clips;
    private TestOutputTopic<String, byte[]> dlq;
    private AvroSerde<Frame> frameSerde;

    @TempDir
    Path stateDir;

    ClipWindowsIT(ClusterEndpoints cluster) {
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "clip-windows-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // the 2 s grace this test's timings are written for (the default is 1 s)
        ClipWindowsConfig config = new ClipWindowsConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofHours(24));
        driver = new TopologyTestDriver(ClipWindowsTopology.build(registry, config, metrics), props, T0);
        frameSerde = AvroSerde.forValues(registry, Frame.class);
        AvroSerde<CameraConfig> cameraSerde = AvroSerde.forValues(registry, CameraConfig.class);
        frames = driver.createInputTopic(Topics.FRAMES, new StringSerializer(), new ByteArraySerializer());
        cameras = driver.createInputTopic(Topics.CAMERAS, new StringSerializer(), cameraSerde.serializer());
        clips = driver.createOutputTopic(Topics.CLIPS, new StringDeserializer(), AvroSerde.forValues(registry, Clip.class).deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void twoFpsForOneHundredTwentySecondsGivesSixtyFullClipsInOrder() {
        define("cam-a");
        for (int i = 0; i <= 2 * 124; i++) { // 4 s past the last clip, beyond the 2 s grace
            send("cam-a", i, T0.plusMillis(500L * i));
        }

        List<Clip> out = clips.readValuesToList();

        List<Clip> firstSixty = out.subList(0, 60);
        assertThat(out).hasSizeGreaterThanOrEqualTo(60);
        assertThat(firstSixty).allSatisfy(c -> {
            assertThat(c.getFrames()).hasSize(4);
            assertThat(c.getPartial()).isFalse();
            assertThat(Duration.between(c.getStart(), c.getEnd())).isEqualTo(Duration.ofSeconds(2));
        });
        assertThat(firstSixty).extracting(Clip::getClipIndex)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 60)
                        .map(i -> firstSixty.get(0).getClipIndex() + i).boxed().toList());
        assertThat(firstSixty.get(0).getStart()).isEqualTo(T0);
        assertThat(firstSixty.get(59).getFrames()).extracting(ClipFrame::getSeq).containsExactly(236L, 237L, 238L, 239L);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void aLateFrameWithinGraceJoinsItsClip() {
        define("cam-b");
        send("cam-b", 0, T0);
        send("cam-b", 1, T0.plusMillis(500));
        send("cam-b", 2, T0.plusMillis(1000));
        send("cam-b", 4, T0.plusMillis(2000));
        send("cam-b", 5, T0.plusMillis(2500));
        send("cam-b", 3, T0.plusMillis(1500)); // out of order, 1 s late: within the 2 s grace
        send("cam-b", 6, T0.plusMillis(4000)); // watermark 2 s: clip 0 closes

        Clip first = clips.readValue();

        assertThat(first.getFrames()).extracting(ClipFrame::getSeq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(clips.isEmpty()).isTrue();
    }

    @Test
    void aFrameLaterThanTheGraceIsDeadLetteredWithTheReason() {
        define("cam-c");
        for (int i = 0; i <= 10; i++) {
            send("cam-c", i, T0.plusMillis(500L * i)); // up to 5 s: clip 0 [0, 2 s) closed at watermark 3 s
        }
        clips.readValuesToList();

        send("cam-c", 99, T0.plusMillis(1900));

        TestRecord<String, byte[]> letter = dlq.readRecord();
        String reason = new String(letter.headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("late frame").contains("cam-c").contains("grace 2000 ms");
        DeadLetter value = AvroSerde.forValues(registry, DeadLetter.class).deserializer().deserialize(Topics.DLQ, letter.value());
        assertThat(value.getSourceTopic()).isEqualTo(Topics.FRAMES);
        assertThat(metrics.counter("vigil.clips.late.frames").count()).isEqualTo(1.0);
        assertThat(clips.isEmpty()).as("the late frame makes no clip").isTrue();
    }

    @Test
    void aSilentCameraHasItsOpenClipClosedByWallClockAndMarkedPartial() {
        define("cam-d");
        send("cam-d", 0, T0);
        send("cam-d", 1, T0.plusMillis(500));
        assertThat(clips.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(6));

        Clip partial = clips.readValue();
        assertThat(partial.getPartial()).isTrue();
        assertThat(partial.getExpectedFrames()).isEqualTo(4);
        assertThat(partial.getFrames()).hasSize(2);
    }

    @Test
    void theCamerasOwnClipLengthAndRateSetTheGrid() {
        cameras.pipeInput("cam-e", CameraConfig.newBuilder().setId("cam-e").setUrl("synthcam://1")
                .setFps(1.0).setClipFrames(3).setUpdatedAt(T0).build());
        for (int i = 0; i <= 8; i++) {
            send("cam-e", i, T0.plusSeconds(i));
        }

        List<Clip> out = clips.readValuesToList();

        assertThat(out).isNotEmpty().allSatisfy(c -> {
            assertThat(Duration.between(c.getStart(), c.getEnd())).isEqualTo(Duration.ofSeconds(3));
            assertThat(c.getExpectedFrames()).isEqualTo(3);
            assertThat(c.getFrames()).hasSize(3);
        });
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndTheStreamGoesOn() {
        define("cam-f");
        frames.pipeInput("cam-f", "not a frame".getBytes(StandardCharsets.UTF_8));
        frames.pipeInput("cam-f", frameSerde.serializer().serialize(Topics.FRAMES, frame("cam-other", 0, T0)));
        for (int i = 0; i <= 12; i++) {
            send("cam-f", i, T0.plusMillis(500L * i));
        }

        List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();

        assertThat(letters).hasSize(2);
        assertThat(reason(letters.get(0))).contains("magic byte");
        assertThat(reason(letters.get(1))).contains("not the frame's camera id");
        assertThat(clips.readValuesToList()).isNotEmpty();
    }

    @Test
    void framesOfACameraNotDefinedOnVigilCamerasAreDeadLetteredAndMakeNoClip() {
        for (int i = 0; i <= 12; i++) {
            send("cam-unknown", i, T0.plusMillis(500L * i));
        }

        List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();

        assertThat(letters).hasSize(13).allSatisfy(l -> assertThat(reason(l)).contains("unknown camera")
                .contains("cam-unknown").contains("vigil.cameras"));
        assertThat(clips.isEmpty()).isTrue();
        assertThat(metrics.counter("vigil.clips.dropped.frames", "reason", "unknown_camera").count()).isEqualTo(13.0);
    }

    @Test
    void framesFromTheFutureOrOlderThanRetentionAreDeadLetteredAndTheCameraGoesOn() {
        define("cam-g");
        Instant wallClock = T0; // the test driver's clock starts at T0
        send("cam-g", 0, T0);
        send("cam-g", 1, wallClock.plus(Duration.ofHours(2))); // the broker would refuse its clip's timestamp
        send("cam-g", 2, wallClock.minus(Duration.ofHours(25)));
        for (int i = 3; i <= 12; i++) {
            send("cam-g", i, T0.plusMillis(500L * (i - 2)));
        }

        List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();
        List<Clip> out = clips.readValuesToList();

        assertThat(letters).hasSize(2);
        assertThat(reason(letters.get(0))).contains("event time out of range").contains("frame 1").contains("ahead")
                .contains("PT5M");
        assertThat(reason(letters.get(1))).contains("event time out of range").contains("frame 2").contains("behind");
        assertThat(letters).allSatisfy(l -> assertThat(l.timestamp()).isLessThanOrEqualTo(wallClock.toEpochMilli() + 60_000));
        assertThat(out).isNotEmpty().allSatisfy(c -> assertThat(c.getEnd()).isBefore(T0.plusSeconds(10)));
        assertThat(out.get(0).getFrames()).extracting(ClipFrame::getSeq).containsExactly(0L, 3L, 4L, 5L);
    }

    @Test
    void framesBeyondAClipsClipFramesAreDeadLetteredWithTheReason() {
        define("cam-h");
        for (int i = 0; i < 6; i++) { // six frames in the first 2 s window, which holds four
            send("cam-h", i, T0.plusMillis(300L * i));
        }
        send("cam-h", 6, T0.plusMillis(4000)); // past the 2 s grace: the first clip closes

        Clip first = clips.readValue();
        List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();

        assertThat(first.getFrames()).hasSize(4);
        assertThat(letters).hasSize(2).allSatisfy(l -> assertThat(reason(l)).contains("extra frame")
                .contains("clipFrames 4").contains("cam-h#"));
        assertThat(metrics.counter("vigil.clips.dropped.frames", "reason", "extra_frame").count()).isEqualTo(2.0);
        DeadLetter value = AvroSerde.forValues(registry, DeadLetter.class).deserializer().deserialize(Topics.DLQ, letters.get(0).value());
        Frame dropped = frameSerde.deserializer().deserialize(Topics.FRAMES, bytes(value.getValue()));
        assertThat(first.getFrames()).extracting(ClipFrame::getSeq).doesNotContain(dropped.getSeq());
    }

    @Test
    void aFrameThatWouldMakeTheClipTooLargeForVigilClipsIsLeftOutAndDeadLettered() {
        define("cam-i");
        int large = (5 << 20) / 2; // 2.5 MiB: three fit the 8 MiB clip record, the fourth does not
        for (int i = 0; i < 4; i++) {
            Frame f = Frame.newBuilder(frame("cam-i", i, T0.plusMillis(500L * i)))
                    .setJpeg(ByteBuffer.wrap(new byte[large])).build();
            frames.pipeInput("cam-i", frameSerde.serializer().serialize(Topics.FRAMES, f), f.getEventTime());
        }
        send("cam-i", 4, T0.plusMillis(4000));

        Clip first = clips.readValue();
        List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();

        assertThat(first.getFrames()).extracting(ClipFrame::getSeq).containsExactly(0L, 1L, 2L);
        assertThat(first.getPartial()).isTrue();
        assertThat(letters).hasSize(1);
        assertThat(reason(letters.get(0))).contains("oversize clip").contains("frame 3").contains("vigil.clips");
        assertThat(AvroSerde.forValues(registry, Clip.class).serializer().serialize(Topics.CLIPS, first).length)
                .isLessThanOrEqualTo(8 << 20);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** The camera as vigil.cameras defines it by default: 4 frames of 2 fps per clip. */
    private void define(String camera) {
        cameras.pipeInput(camera, CameraConfig.newBuilder().setId(camera).setUrl("synthcam://1").setUpdatedAt(T0).build());
    }

    private void send(String camera, long seq, Instant eventTime) {
        frames.pipeInput(camera, frameSerde.serializer().serialize(Topics.FRAMES, frame(camera, seq, eventTime)), eventTime);
    }

    private static Frame frame(String camera, long seq, Instant eventTime) {
        return Frame.newBuilder().setCameraId(camera).setSeq(seq).setEventTime(eventTime)
                .setIngestTime(eventTime.plusMillis(20)).setWidth(64).setHeight(48)
                .setJpeg(ByteBuffer.wrap(new byte[]{(byte) 0xff, (byte) 0xd8, (byte) seq})).build();
    }

    private static String reason(TestRecord<String, byte[]> letter) {
        return new String(letter.headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8);
    }

}
