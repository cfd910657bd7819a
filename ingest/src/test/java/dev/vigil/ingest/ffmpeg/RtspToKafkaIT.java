package dev.vigil.ingest.ffmpeg;

import dev.vigil.ingest.synthcam.GroundTruthSink;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.CameraState.Phase;
import dev.vigil.ingest.ExponentialBackoff;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.ingest.kafka.FramesTopic;
import dev.vigil.schema.Topics;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A real RTSP camera defined on {@code vigil.cameras} goes away and comes back while ingest runs; what
 * reaches {@code vigil.frames} is in order, has the outage as a visible gap, and repeats nothing.
 */
@RealCluster
class RtspToKafkaIT {

    @TempDir
    Path temp;

    private final ClusterEndpoints cluster;

    RtspToKafkaIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void framesBeforeAndAfterAnOutageReachKafkaInOrderWithAGapAndNoDuplicates() throws Exception {
        String camera = "rtsp-" + UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();
        // Quick reconnects, so the test measures the outage, not the backoff.
        FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(11))
                .withBackoff(new ExponentialBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 2, 0.2, 0,
                        new SplittableRandom(11)))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
        IngestSettings settings = IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl())
                .withGroup("rtsp-it-" + UUID.randomUUID());
        try (RtspTestServer server = RtspTestServer.start(temp);
             IngestNode ingest = IngestNode.start(settings, new CameraSources(options, GroundTruthSink.discard(), clock),
                     new SimpleMeterRegistry(), clock);
             FramesTopic frames = new FramesTopic(cluster, camera::equals)) {
            assertThat(ingest.awaitReady(Duration.ofSeconds(30))).isTrue();
            try {
                ingest.admin().put(camera, server.url());
                frames.await(camera, l -> l.size() >= 6, Duration.ofSeconds(30), "first frames");
                server.kill();
                await(() -> phase(ingest, camera) == Phase.RECONNECTING, 15, "RECONNECTING after the kill");
                Thread.sleep(1500); // a real outage, long enough to see in event time
                server.restart();
                await(() -> phase(ingest, camera) == Phase.LIVE, 20, "LIVE after the restart");
                int resumedAt = frames.of(camera).size();
                frames.await(camera, l -> l.size() >= resumedAt + 6, Duration.ofSeconds(20), "frames after the restart");
                assertThat(ingest.camera(camera).orElseThrow().reconnects()).isPositive();
            } finally {
                ingest.admin().delete(camera);
            }
            List<FramesTopic.Received> got = frames.of(camera);
            Set<Long> seqs = new HashSet<>();
            Set<Integer> images = new HashSet<>();
            int gaps = 0;
            for (int i = 0; i < got.size(); i++) {
                FramesTopic.Received r = got.get(i);
                assertThat(seqs.add(r.seq())).as("seq %d repeated", r.seq()).isTrue();
                byte[] jpeg = new byte[r.frame().getJpeg().remaining()];
                r.frame().getJpeg().duplicate().get(jpeg);
                assertThat(images.add(Arrays.hashCode(jpeg))).as("frame %d duplicated", i).isTrue();
                if (i > 0) {
                    FramesTopic.Received prev = got.get(i - 1);
                    assertThat(r.seq()).as("seq of frame %d", i).isGreaterThan(prev.seq());
                    Duration step = Duration.between(prev.eventTime(), r.eventTime());
                    assertThat(step).as("frame %d in event-time order", i).isPositive();
                    if (step.compareTo(Duration.ofMillis(1500)) >= 0) {
                        gaps++;
                    }
                }
            }
            assertThat(gaps).as("one visible outage gap").isEqualTo(1);
        }
    }

    private static Phase phase(IngestNode ingest, String camera) {
        return ingest.camera(camera).map(s -> s.state().phase()).orElse(null);
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
