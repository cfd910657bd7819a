package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.ingest.CameraMeters;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.CaptureLoop;
import dev.vigil.ingest.FrameEncoder;
import dev.vigil.ingest.FrameSampler;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.RedactedUrl;
import dev.vigil.ingest.kafka.FrameProducer;
import dev.vigil.ingest.kafka.FramesTopic;
import dev.vigil.ingest.kafka.InFlightLimit;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.schema.serde.AvroSerializer;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** OpenCV's {@code vtest.avi} (795 frames at 10 fps = 79.5 s) ingested as a file at 2 fps into Kafka. */
@RealCluster
class VtestToKafkaIT {

    @TempDir
    Path temp;

    private final ClusterEndpoints cluster;

    VtestToKafkaIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    @Test
    void vtestAtTwoFpsGives159RecordsSpanningItsLength() throws Exception {
        Path file = VtestFile.locate(temp);
        String camera = "vtest-" + UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();
        // Played as fast as it decodes, so its event times start in the past: none may lie in the future.
        Instant epoch = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(1))
                .withFilePlayback(Pacing.AS_FAST_AS_CONSUMED, epoch);
        SchemaRegistryClient schemas = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RedactedUrl url = new RedactedUrl(file.toUri().toString());
        FfmpegSource source = new FfmpegSource(camera, url, options, clock);
        CameraMeters meters = new IngestMetrics(registry).bind(source);
        try (FrameProducer producer = new FrameProducer(cluster.clientConfig(),
                AvroSerde.forValues(schemas, Frame.class).serializer(),
                new DeadLetters(new AvroSerializer<DeadLetter>(schemas, true, false), "vigil-ingest-test", clock),
                Topics.singleBroker().spec(Topics.FRAMES).maxMessageBytes(), InFlightLimit.standard());
             source; FrameEncoder encoder = FrameEncoder.standard()) {
            new CaptureLoop(source, new FrameSampler(2), encoder, meters, clock, 1 << 20)
                    .run(producer.forCamera(camera, url, meters, source.pacedByReader()));
            producer.flush();
        }
        assertThat(source.state().phase()).isEqualTo(CameraState.Phase.ENDED);
        long sent = (long) registry.get("vigil.ingest.frames.produced").counter().count();
        assertThat(sent).isBetween(158L, 160L);

        try (FramesTopic frames = new FramesTopic(cluster, camera::equals)) {
            List<FramesTopic.Received> got = frames.await(camera, l -> l.size() >= sent, Duration.ofSeconds(20),
                    "every sent frame");
            assertThat(got).hasSize((int) sent);
            assertThat(got.get(0).eventTime()).isEqualTo(epoch);
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).eventTime()).as("event time of record %d", i).isAfter(got.get(i - 1).eventTime());
                assertThat(got.get(i).seq()).isEqualTo(i);
                assertThat(got.get(i).timestamp()).isEqualTo(got.get(i).eventTime().toEpochMilli());
            }
            // The file lasts 79.5 s; at 2 fps the last kept frame is on the 79.0 s tick, half a second before its end.
            Duration span = Duration.between(got.get(0).eventTime(), got.get(got.size() - 1).eventTime());
            assertThat(span).isBetween(Duration.ofMillis(79_000), Duration.ofMillis(80_000));
            assertThat(got.get(0).frame().getWidth()).isEqualTo(448);
            assertThat(got.get(0).frame().getHeight()).isEqualTo(336);
        }
    }
}
