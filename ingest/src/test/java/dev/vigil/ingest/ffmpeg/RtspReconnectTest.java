package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.CameraState.Phase;
import dev.vigil.ingest.CaptureLoop;
import dev.vigil.ingest.CapturedFrame;
import dev.vigil.ingest.ExponentialBackoff;
import dev.vigil.ingest.FrameEncoder;
import dev.vigil.ingest.FrameSampler;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.RedactedUrl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A real RTSP server goes away and comes back; the source reconnects and resumes without duplicates. */
class RtspReconnectTest {

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void reconnectsAfterTheServerIsKilledAndRestarted() throws Exception {
        try (RtspTestServer server = RtspTestServer.start(temp)) {
            FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(11))
                    .withBackoff(new ExponentialBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 2, 0.2, 0,
                            new SplittableRandom(11)))
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
            FfmpegSource source = new FfmpegSource("rtsp-cam", new RedactedUrl(server.url()), options,
                    Clock.systemUTC());
            List<CameraState> states = new CopyOnWriteArrayList<>();
            source.stateChannel().subscribe(states::add);
            List<CapturedFrame> frames = new CopyOnWriteArrayList<>();
            FrameEncoder encoder = FrameEncoder.standard();
            CaptureLoop loop = new CaptureLoop(source, new FrameSampler(2), encoder,
                    new IngestMetrics(new SimpleMeterRegistry()).bind(source), Clock.systemUTC(), 1 << 20);
            Thread reader = new Thread(() -> loop.run(frames::add), "rtsp-reader");
            reader.start();
            try {
                await(() -> frames.size() >= 6, 20, "first frames");
                server.kill();
                int before = frames.size();
                await(() -> source.state().phase() == Phase.RECONNECTING, 15, "RECONNECTING after the kill");
                Thread.sleep(1500); // a real outage, long enough to see in event time
                server.restart();
                await(() -> source.state().phase() == Phase.LIVE, 20, "LIVE after the restart");
                int resumedAt = frames.size();
                await(() -> frames.size() >= resumedAt + 6, 20, "frames after the restart");
                assertThat(resumedAt).isGreaterThanOrEqualTo(before);
            } finally {
                source.close();
                reader.join(15_000);
                encoder.close();
            }
            assertThat(reader.isAlive()).isFalse();

            List<Phase> phases = states.stream().map(CameraState::phase).toList();
            int firstLive = phases.indexOf(Phase.LIVE);
            int reconnecting = phases.subList(firstLive, phases.size()).indexOf(Phase.RECONNECTING) + firstLive;
            assertThat(firstLive).isNotNegative();
            assertThat(phases.subList(reconnecting, phases.size())).contains(Phase.LIVE);
            assertThat(source.counters().reconnects()).isPositive();

            List<CapturedFrame> got = new ArrayList<>(frames);
            Set<Integer> images = new HashSet<>();
            int gaps = 0;
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).sequence()).isEqualTo(i);
                assertThat(images.add(Arrays.hashCode(got.get(i).jpeg()))).as("frame %d duplicated", i).isTrue();
                if (i > 0) {
                    Duration step = Duration.between(got.get(i - 1).eventTime(), got.get(i).eventTime());
                    assertThat(step).as("frame %d in order", i).isPositive();
                    if (step.compareTo(Duration.ofMillis(1500)) >= 0) {
                        gaps++;
                    }
                }
            }
            assertThat(gaps).as("one visible outage gap").isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aCameraBackAfterAnOutageIsReconnectedWithinSecondsWhateverTheBackoffStep() throws Exception {
        try (RtspTestServer server = RtspTestServer.start(temp)) {
            // A backoff whose first step (10 s) outlasts the outage: only the probe can make the return quick.
            FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(3))
                    .withBackoff(new ExponentialBackoff(Duration.ofSeconds(10), Duration.ofSeconds(30), 2, 0, 0,
                            new SplittableRandom(3)))
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
            FfmpegSource source = new FfmpegSource("rtsp-cam", new RedactedUrl(server.url()), options,
                    Clock.systemUTC());
            List<CapturedFrame> frames = new CopyOnWriteArrayList<>();
            FrameEncoder encoder = FrameEncoder.standard();
            CaptureLoop loop = new CaptureLoop(source, new FrameSampler(2), encoder,
                    new IngestMetrics(new SimpleMeterRegistry()).bind(source), Clock.systemUTC(), 1 << 20);
            Thread reader = new Thread(() -> loop.run(frames::add), "rtsp-reader");
            reader.start();
            try {
                await(() -> frames.size() >= 2, 20, "first frames");
                server.kill();
                await(() -> source.state().phase() == Phase.RECONNECTING, 15, "RECONNECTING after the kill");
                Thread.sleep(2500); // the probe sees the port refuse connections
                long restarted = System.nanoTime();
                server.restart();
                await(() -> source.state().phase() == Phase.LIVE, 8, "LIVE soon after the restart");
                double seconds = (System.nanoTime() - restarted) / 1e9;
                System.out.printf("live again %.1f s after the restart (backoff step 10 s)%n", seconds);
                assertThat(seconds).as("seconds from restart to LIVE").isLessThan(6);
            } finally {
                source.close();
                reader.join(15_000);
                encoder.close();
            }
            assertThat(reader.isAlive()).isFalse();
        }
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
