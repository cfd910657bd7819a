package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.CameraState.Phase;
import dev.vigil.ingest.ExponentialBackoff;
import dev.vigil.ingest.camera.CameraSnapshot;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.ingest.kafka.FramesTopic;
import dev.vigil.ingest.synthcam.GroundTruthSink;
import dev.vigil.schema.Topics;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A real RTSP camera that stops sending frames without closing its connection, the two ways the issue found:
 * the server process frozen (SIGSTOP, later SIGCONT) and a TCP proxy that stops forwarding. In both the frame
 * watchdog moves the camera to STALLED within its bound, the stream is reopened, the camera is LIVE again
 * soon after the server is back, and {@code vigil.frames} holds no frame stamped with a time it was not
 * captured at: nothing published during the stall carries an event time after the stall began, no picture
 * appears twice, and no event time lies after the moment the frame was read.
 */
@RealCluster
class RtspStallIT {

    /** The watchdog bound under test (the default is 5 s; shorter keeps the test quick). */
    private static final Duration STALL_AFTER = Duration.ofSeconds(3);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long each stall lasts: well past the watchdog, so several reopen attempts fail first. */
    private static final Duration STALL = Duration.ofSeconds(9);
    /** Scheduling, a frame interval and the state poll. */
    private static final Duration MARGIN = Duration.ofMillis(1500);
    /**
     * How far after its capture a frame may be stamped: a live stream is anchored on the arrival of its first
     * frame, which comes after up to 1 s of probing. A stale picture re-stamped on arrival after a stall would
     * lie seconds later.
     */
    private static final Duration ANCHOR_PRECISION = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    private final ClusterEndpoints cluster;

    RtspStallIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    /** What a stall scenario does to the stream: start the stall, end it. */
    private interface Stall {
        void begin() throws Exception;

        void end() throws Exception;
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFrozenServerIsDetectedReconnectedAndNothingIsRestamped() throws Exception {
        try (RtspTestServer server = RtspTestServer.start(temp)) {
            run(server.url(), new Stall() {
                @Override
                public void begin() throws Exception {
                    server.pause();
                }

                @Override
                public void end() throws Exception {
                    server.resume();
                }
            });
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aProxyThatStopsForwardingIsDetectedReconnectedAndNothingIsRestamped() throws Exception {
        try (RtspTestServer server = RtspTestServer.start(temp);
             StallingProxy proxy = new StallingProxy(server.port())) {
            run("rtsp://127.0.0.1:" + proxy.port() + "/cam", new Stall() {
                @Override
                public void begin() {
                    proxy.stall();
                }

                @Override
                public void end() {
                    proxy.heal();
                }
            });
        }
    }

    private void run(String url, Stall stall) throws Exception {
        String camera = "stall-" + UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();
        FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(5))
                .withBackoff(new ExponentialBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 2, 0.2, 0,
                        new SplittableRandom(5)))
                // a read timeout far beyond the watchdog: what ends the stall must be the watchdog
                .withTimeouts(CONNECT_TIMEOUT, Duration.ofSeconds(60))
                .withStallAfter(STALL_AFTER);
        IngestSettings settings = IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl())
                .withGroup("stall-it-" + UUID.randomUUID());
        try (IngestNode ingest = IngestNode.start(settings, new CameraSources(options, GroundTruthSink.discard(), clock),
                new SimpleMeterRegistry(), clock);
             FramesTopic frames = new FramesTopic(cluster, camera::equals)) {
            assertThat(ingest.awaitReady(Duration.ofSeconds(30))).isTrue();
            Instant stallBegan;
            Instant stallEnded;
            Instant stalledAt;
            Instant liveAgainAt;
            try {
                ingest.admin().put(camera, url);
                frames.await(camera, l -> l.size() >= 6, Duration.ofSeconds(30), "first frames");
                Thread.sleep(1500); // let the measured rate cover a few seconds of frames
                CameraSnapshot live = ingest.camera(camera).orElseThrow();
                assertThat(live.state().phase()).isEqualTo(Phase.LIVE);
                // The test server sends 10 fps: the measured rate says so (the configured rate is 2 fps).
                assertThat(live.fpsIn()).as("measured frames-in rate").isBetween(6.0, 14.0);
                assertThat(live.lastFrameTime()).isNotNull();
                assertThat(live.lag().orElseThrow()).as("lag while live").isLessThan(Duration.ofSeconds(2));

                stallBegan = clock.instant();
                stall.begin();
                System.out.println("stall begins at " + stallBegan + "; newest frame so far "
                        + ingest.camera(camera).orElseThrow().lastFrameTime());
                stalledAt = awaitPhase(ingest, camera, Phase.STALLED, STALL_AFTER.plus(MARGIN).plus(MARGIN));
                assertThat(Duration.between(stallBegan, stalledAt)).as("stall detected within the watchdog bound")
                        .isLessThanOrEqualTo(STALL_AFTER.plus(MARGIN));
                CameraSnapshot stalled = ingest.camera(camera).orElseThrow();
                assertThat(stalled.stalls()).isPositive();
                assertThat(stalled.state().lastError()).contains("no frame for 3000 ms");
                assertThat(stalled.lag().orElseThrow()).isGreaterThanOrEqualTo(STALL_AFTER.minusMillis(500));

                Thread.sleep(Math.max(0, Duration.between(clock.instant(), stallBegan.plus(STALL)).toMillis()));
                stallEnded = clock.instant();
                stall.end();
                // Back within a reopen attempt: the connect timeout, a backoff step and the first frame.
                Duration bound = CONNECT_TIMEOUT.plusSeconds(1).plus(MARGIN).plus(MARGIN);
                liveAgainAt = awaitPhase(ingest, camera, Phase.LIVE, bound.plusSeconds(10));
                assertThat(Duration.between(stallEnded, liveAgainAt)).as("live again after the stall ended")
                        .isLessThanOrEqualTo(bound);
                int resumedAt = frames.of(camera).size();
                frames.await(camera, l -> l.size() >= resumedAt + 4, Duration.ofSeconds(15), "frames after the stall");
                assertThat(ingest.camera(camera).orElseThrow().state().lastError()).as("kept as history only")
                        .isNotNull();
            } finally {
                ingest.admin().delete(camera);
            }
            System.out.printf("stall began %s, detected after %d ms; ended %s, live again after %d ms%n", stallBegan,
                    Duration.between(stallBegan, stalledAt).toMillis(), stallEnded,
                    Duration.between(stallEnded, liveAgainAt).toMillis());

            List<FramesTopic.Received> got = new ArrayList<>(frames.of(camera));
            assertThat(got).hasSizeGreaterThan(10);
            Set<Long> seqs = new HashSet<>();
            java.util.Map<Integer, Integer> pictures = new java.util.HashMap<>();
            Instant began = stallBegan.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant latestPreStallStamp = began.plus(ANCHOR_PRECISION);
            Instant ended = stallEnded.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Predicate<FramesTopic.Received> publishedDuringStall = r -> r.frame().getIngestTime().isAfter(began)
                    && r.frame().getIngestTime().isBefore(ended);
            for (int i = 0; i < got.size(); i++) {
                FramesTopic.Received r = got.get(i);
                assertThat(seqs.add(r.seq())).as("seq %d repeated", r.seq()).isTrue();
                byte[] jpeg = new byte[r.frame().getJpeg().remaining()];
                r.frame().getJpeg().duplicate().get(jpeg);
                Integer first = pictures.putIfAbsent(Arrays.hashCode(jpeg), i);
                assertThat(first).as("picture of frame %d (%s) emitted before as frame %s (%s)", i, describe(r),
                        first, first == null ? null : describe(got.get(first))).isNull();
                assertThat(r.eventTime()).as("frame %d: event time not after it was read", i)
                        .isBeforeOrEqualTo(r.frame().getIngestTime());
                if (publishedDuringStall.test(r)) {
                    // Only frames read before the stall may still be on their way; none may carry a later time.
                    assertThat(r.eventTime()).as("frame %d, read during the stall, is stamped after it began", i)
                            .isBeforeOrEqualTo(latestPreStallStamp);
                }
                if (r.eventTime().isAfter(latestPreStallStamp)) {
                    assertThat(r.frame().getIngestTime()).as("frame %d is stamped after the stall began but was "
                            + "read before the stream came back", i).isAfterOrEqualTo(ended);
                }
                if (i > 0) {
                    assertThat(r.eventTime()).as("frame %d in event-time order", i).isAfter(got.get(i - 1).eventTime());
                }
            }
            assertThat(got.stream().filter(publishedDuringStall).count()).as("frames read during the stall")
                    .isLessThanOrEqualTo(2);
        }
    }

    private static String describe(FramesTopic.Received r) {
        return "seq " + r.seq() + ", event time " + r.eventTime() + ", read at " + r.frame().getIngestTime();
    }

    private static Instant awaitPhase(IngestNode ingest, String camera, Phase phase, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ingest.camera(camera).map(s -> s.state().phase() == phase).orElse(false)) {
                return Instant.now();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("camera " + camera + " not " + phase + " within " + within.toMillis() + " ms; now "
                + ingest.camera(camera).orElse(null));
    }
}
