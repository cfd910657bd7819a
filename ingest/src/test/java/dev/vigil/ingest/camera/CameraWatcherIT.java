package dev.vigil.ingest.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.kafka.FramesTopic;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Topics;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Cameras added, changed, disabled and deleted through {@code vigil.cameras} while an ingest instance runs,
 * observed where it matters: on {@code vigil.frames}.
 */
@RealCluster
class CameraWatcherIT {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final ClusterEndpoints cluster;
    private final String prefix = "cw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Clock clock = Clock.systemUTC();

    CameraWatcherIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    private IngestNode node(String group) {
        return IngestNode.start(IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl()).withGroup(group),
                CameraSources.standard(clock), new SimpleMeterRegistry(), clock);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void camerasAddedChangedDisabledAndDeletedAtRunTimeChangeWhatIsProduced() throws Exception {
        String a = prefix + "a";
        String b = prefix + "b";
        String c = prefix + "secret";
        try (IngestNode ingest = node("cw-" + UUID.randomUUID());
             FramesTopic frames = new FramesTopic(cluster, id -> id.startsWith(prefix))) {
            assertThat(ingest.awaitReady(Duration.ofSeconds(30))).as("watcher assigned and caught up").isTrue();
            try {
                // Two cameras added: their frames appear within 10 s of their definitions.
                Instant added = Instant.now();
                ingest.admin().put(a, "synthcam://21?density=6");
                ingest.admin().put(b, "synthcam://22?density=6&scene=indoor");
                FramesTopic.Received firstA = frames.await(a, l -> !l.isEmpty(), TEN_SECONDS, "first frame").get(0);
                FramesTopic.Received firstB = frames.await(b, l -> !l.isEmpty(), TEN_SECONDS, "first frame").get(0);
                assertThat(Duration.between(added, firstA.seenAt())).isLessThan(TEN_SECONDS);
                assertThat(Duration.between(added, firstB.seenAt())).isLessThan(TEN_SECONDS);
                assertThat(firstA.eventTime()).as("real-time synthcam starts now, never in the future")
                        .isBetween(added.minusSeconds(1), firstA.seenAt());
                frames.await(a, l -> l.size() >= 4, TEN_SECONDS, "4 frames at 2 fps");
                assertThat(ingest.cameras()).extracting(CameraSnapshot::id).contains(a, b);

                // Camera a deleted (tombstone): its frames stop within 10 s.
                Instant deleted = Instant.now();
                ingest.admin().delete(a);
                await(() -> ingest.camera(a).isEmpty(), TEN_SECONDS, "camera a gone from the view");
                assertStopped(frames, a, deleted);

                // Camera b changed (rate): it restarts and its sequence numbers go on, no reset, no repeat.
                int beforeChange = frames.of(b).size();
                CameraConfig faster = CameraConfig.newBuilder(ingest.admin().definition(b, "synthcam://22?density=6&scene=indoor"))
                        .setFps(4.0).setLabels(Map.of("floor", "2")).build();
                ingest.admin().put(faster);
                await(() -> ingest.camera(b).map(s -> s.fps() == 4.0).orElse(false), TEN_SECONDS, "b at 4 fps");
                List<FramesTopic.Received> bFrames = frames.await(b, l -> l.size() >= beforeChange + 8, TEN_SECONDS,
                        "frames after the change");
                for (int i = 1; i < bFrames.size(); i++) {
                    assertThat(bFrames.get(i).seq()).as("b frame %d", i).isGreaterThan(bFrames.get(i - 1).seq());
                }
                assertThat(ingest.camera(b).orElseThrow().labels()).containsEntry("floor", "2");

                // Camera b disabled: it stops, but stays in the view as disabled.
                Instant disabled = Instant.now();
                ingest.admin().put(CameraConfig.newBuilder(faster).setEnabled(false).build());
                await(() -> ingest.camera(b).map(s -> !s.running() && !s.enabled()).orElse(false), TEN_SECONDS,
                        "b disabled");
                assertStopped(frames, b, disabled);

                // A camera with credentials in its URL: the view never shows them.
                ingest.admin().put(c, "rtsp://admin:s3cret@127.0.0.1:9/stream?token=abc");
                await(() -> ingest.camera(c).isPresent(), TEN_SECONDS, "camera c in the view");
                CameraSnapshot status = ingest.camera(c).orElseThrow();
                assertThat(status.url()).doesNotContain("s3cret").doesNotContain("abc").contains("***");
                await(() -> ingest.camera(c).orElseThrow().state().phase() == CameraState.Phase.RECONNECTING,
                        TEN_SECONDS, "unreachable camera c reconnecting");
                assertThat(String.valueOf(ingest.camera(c).orElseThrow().state().lastError())).doesNotContain("s3cret");
            } finally {
                ingest.admin().delete(a);
                ingest.admin().delete(b);
                ingest.admin().delete(c);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("vigil-camera-" + prefix));
    }

    /** No frame of {@code camera} is later than 10 s after {@code at}, and none arrive any more. */
    private static void assertStopped(FramesTopic frames, String camera, Instant at) throws InterruptedException {
        Thread.sleep(1500);
        int count = frames.of(camera).size();
        Thread.sleep(2000);
        List<FramesTopic.Received> after = frames.of(camera);
        assertThat(after).as("no new frames of %s", camera).hasSize(count);
        assertThat(after.get(after.size() - 1).eventTime()).isBefore(at.plus(TEN_SECONDS));
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
