package dev.vigil.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.ingest.CameraMeters;
import dev.vigil.ingest.CaptureLoop;
import dev.vigil.ingest.FrameEncoder;
import dev.vigil.ingest.FrameSampler;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.RedactedUrl;
import dev.vigil.ingest.synthcam.SynthcamSource;
import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.schema.serde.AvroSerializer;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Synthetic frames through the real producer into the real broker, read back by a plain consumer. */
@RealCluster
class FrameProducerIT {

    private static final int TOPIC_LIMIT = Topics.singleBroker().spec(Topics.FRAMES).maxMessageBytes();
    /**
     * Room for every frame of a short capture in flight: tests that count every frame use it, because on a loaded
     * machine slow acks would drop some by backpressure under the standard bound (aTinyInFlightBound... covers that).
     */
    private static final InFlightLimit ROOM_FOR_EVERY_FRAME = new InFlightLimit(128, 64L << 20);

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient schemas;
    private final String prefix = "fp-" + UUID.randomUUID() + "-";
    private final FramesTopic topic;
    private final Clock clock = Clock.systemUTC();

    FrameProducerIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.schemas = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        this.topic = new FramesTopic(cluster, id -> id.startsWith(prefix));
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    @AfterEach
    void closeReader() {
        topic.close();
    }

    private FrameProducer producer(int maxRecordBytes, InFlightLimit limit) {
        return new FrameProducer(cluster.clientConfig(), AvroSerde.forValues(schemas, Frame.class).serializer(),
                new DeadLetters(new AvroSerializer<DeadLetter>(schemas, true, false), "vigil-ingest-test", clock),
                maxRecordBytes, limit);
    }

    /** Runs a synthetic camera at 2 fps into the producer; returns its ground-truth log. */
    private List<String> capture(FrameProducer producer, String cameraId, String url, SimpleMeterRegistry meters) {
        return capture(producer, cameraId, url, meters, 1 << 20);
    }

    /** As above, with the capture loop's own JPEG limit. */
    private List<String> capture(FrameProducer producer, String cameraId, String url, SimpleMeterRegistry meters,
                                 int maxJpegBytes) {
        List<String> log = new ArrayList<>();
        SynthcamSource source = new SynthcamSource(cameraId, SynthcamSpec.parse(url), e -> log.add(e.toJsonLine()),
                clock);
        CameraMeters m = new IngestMetrics(meters).bind(source);
        try (source; FrameEncoder encoder = FrameEncoder.standard()) {
            new CaptureLoop(source, new FrameSampler(2), encoder, m, clock, maxJpegBytes)
                    .run(producer.forCamera(cameraId, new RedactedUrl(url), m, false));
        }
        producer.flush();
        return log;
    }

    @Test
    void recordsCarryCameraKeyEventTimeHeadersAndTheFrame() throws Exception {
        String camera = prefix + "plain";
        String url = "synthcam://5?pace=fast&duration=20s&density=20";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (FrameProducer producer = producer(TOPIC_LIMIT, ROOM_FOR_EVERY_FRAME)) {
            capture(producer, camera, url, meters);
        }
        List<FramesTopic.Received> got = topic.await(camera, l -> l.size() >= 40, Duration.ofSeconds(20), "40 frames");
        assertThat(got).hasSize(40);
        String sourceHash = SourceHash.of(new RedactedUrl(url)).hex();
        for (int i = 0; i < got.size(); i++) {
            FramesTopic.Received r = got.get(i);
            Frame f = r.frame();
            assertThat(f.getCameraId()).isEqualTo(camera);
            assertThat(f.getSeq()).isEqualTo(i);
            assertThat(r.timestamp()).as("record time = event time").isEqualTo(f.getEventTime().toEpochMilli());
            assertThat(f.getEventTime()).as("never from the future").isBefore(start);
            assertThat(f.getIngestTime()).isAfterOrEqualTo(start);
            assertThat(r.headers()).containsEntry(FrameProducer.HEADER_SEQ, Long.toString(i))
                    .containsEntry(FrameProducer.HEADER_SOURCE, sourceHash);
            assertThat(f.getWidth()).isEqualTo(448);
            assertThat(f.getHeight()).isEqualTo(256);
            assertThat(f.getJpeg().remaining()).isBetween(2_000, 200_000);
            assertThat(f.getThumbnail().remaining()).isPositive().isLessThan(f.getJpeg().remaining());
            if (i > 0) {
                assertThat(f.getEventTime()).isEqualTo(got.get(i - 1).eventTime().plusMillis(500));
            }
        }
        assertThat(meters.get("vigil.ingest.frames.produced").counter().count()).isEqualTo(40);
        assertThat(meters.get("vigil.ingest.produce.latency").timer().count()).isEqualTo(40);
        assertThat(meters.find("vigil.ingest.frames.dropped").counters()).isEmpty();
    }

    @Test
    void aSeededSynthcamIsByteIdenticalAcrossRunsThroughKafka() throws Exception {
        // An explicit, recent epoch: event times repeat across runs and stay within the topic's retention.
        Instant epoch = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        String url = "synthcam://42?pace=fast&duration=30s&density=12&epoch=" + epoch;
        String a = prefix + "seed-a";
        String b = prefix + "seed-b";
        List<String> logA;
        List<String> logB;
        try (FrameProducer producer = producer(TOPIC_LIMIT, ROOM_FOR_EVERY_FRAME)) {
            logA = capture(producer, a, url, new SimpleMeterRegistry());
            logB = capture(producer, b, url, new SimpleMeterRegistry());
        }
        assertThat(logA).isNotEmpty().isEqualTo(logB);
        List<FramesTopic.Received> ra = topic.await(a, l -> l.size() >= 60, Duration.ofSeconds(20), "60 frames");
        List<FramesTopic.Received> rb = topic.await(b, l -> l.size() >= 60, Duration.ofSeconds(20), "60 frames");
        assertThat(ra).hasSize(60);
        assertThat(rb).hasSize(60);
        assertThat(ra.get(0).eventTime()).isEqualTo(epoch);
        for (int i = 0; i < 60; i++) {
            Frame fa = ra.get(i).frame();
            Frame fb = rb.get(i).frame();
            assertThat(fa.getSeq()).isEqualTo(fb.getSeq());
            assertThat(fa.getEventTime()).isEqualTo(fb.getEventTime());
            assertThat(fa.getJpeg()).as("frame %d", i).isEqualTo(fb.getJpeg());
            assertThat(fa.getThumbnail()).isEqualTo(fb.getThumbnail());
        }
    }

    @Test
    void aTinyInFlightBoundDropsFramesBySamplingAndCountsThem() throws Exception {
        String camera = prefix + "slow";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // One frame in flight at most: with linger 20 ms and a fast synthetic camera (hundreds of sampled
        // frames per second of wall time) Kafka is "slow" for this camera, so most frames must be dropped.
        try (FrameProducer producer = producer(TOPIC_LIMIT, new InFlightLimit(1, 1))) {
            capture(producer, camera, "synthcam://8?pace=fast&duration=60s&density=20", meters);
        }
        double out = meters.get("vigil.ingest.frames.out").counter().count();
        double dropped = meters.get("vigil.ingest.frames.dropped").tag("reason", "backpressure").counter().count();
        double produced = meters.get("vigil.ingest.frames.produced").counter().count();
        assertThat(out + dropped).as("every sampled frame is either sent or dropped").isEqualTo(120);
        assertThat(dropped).as("dropped for backpressure").isPositive();
        assertThat(produced).isEqualTo(out);
        assertThat(meters.get("vigil.ingest.inflight.bytes").gauge().value()).isZero();

        List<FramesTopic.Received> got = topic.await(camera, l -> l.size() >= (int) produced, Duration.ofSeconds(20),
                "the sent frames");
        assertThat(got).hasSize((int) produced);
        long gaps = 0;
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i).seq()).isGreaterThan(got.get(i - 1).seq());
            gaps += got.get(i).seq() - got.get(i - 1).seq() - 1;
        }
        long lastSeq = got.get(got.size() - 1).seq();
        assertThat(gaps + got.get(0).seq() + (119 - lastSeq)).as("dropped frames are gaps in seq").isEqualTo((long) dropped);
    }

    @Test
    void aFrameOverTheRecordLimitIsNotSentButDeadLettered() throws Exception {
        String camera = prefix + "big";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        int limit = 8 << 10; // a 448x256 JPEG at quality 85 is well over 8 KiB
        try (FrameProducer producer = producer(limit, InFlightLimit.standard())) {
            capture(producer, camera, "synthcam://9?pace=fast&duration=5s&density=20", meters);
        }
        assertThat(meters.get("vigil.ingest.frames.dropped").tag("reason", "oversize").counter().count()).isEqualTo(10);
        assertThat(topic.of(camera)).isEmpty();

        List<DeadLetter> letters = deadLetters(camera, 10);
        assertThat(letters).hasSize(10);
        assertThat(letters.get(0).getSourceTopic()).isEqualTo(Topics.FRAMES);
        assertThat(letters.get(0).getValue()).isNull();
        assertThat(letters.get(0).getReason()).contains("frame #0 of camera " + camera)
                .contains("over the 8192-byte limit of vigil.frames");
    }

    @Test
    void aJpegOverTheFrameLimitIsDroppedByTheCaptureLoopAndDeadLettered() throws Exception {
        String camera = prefix + "big-jpeg";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (FrameProducer producer = producer(2 << 20, InFlightLimit.standard())) {
            capture(producer, camera, "synthcam://9?pace=fast&duration=5s&density=20", meters, 4 << 10);
        }
        assertThat(meters.get("vigil.ingest.frames.dropped").tag("reason", "oversize").counter().count()).isEqualTo(10);
        assertThat(topic.of(camera)).isEmpty();

        List<DeadLetter> letters = deadLetters(camera, 10);
        assertThat(letters).hasSize(10);
        assertThat(letters).extracting(DeadLetter::getSourceTopic).containsOnly(Topics.FRAMES);
        assertThat(letters.get(0).getReason()).contains("frame #0 of camera " + camera)
                .contains("over the 4096-byte frame limit").contains("lower resizeLongest or jpegQuality");
        assertThat(letters.get(9).getReason()).contains("frame #9 of camera " + camera);
    }

    private List<DeadLetter> deadLetters(String camera, int expected) throws InterruptedException {
        Map<String, Object> c = new HashMap<>(cluster.clientConfig());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        AvroDeserializer<DeadLetter> letters = new AvroDeserializer<>(schemas, DeadLetter.class);
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            TopicPartition p = new TopicPartition(Topics.DLQ, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && camera.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        assertThat(new String(r.headers().lastHeader(DeadLetters.HEADER_REASON).value(),
                                StandardCharsets.UTF_8)).contains("over the");
                        found.add(letters.deserialize(r.topic(), r.value()));
                    }
                }
            }
        }
        return found;
    }
}
