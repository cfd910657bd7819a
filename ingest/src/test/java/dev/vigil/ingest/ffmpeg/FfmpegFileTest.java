package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.ingest.CameraMeters;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.CaptureLoop;
import dev.vigil.ingest.CapturedFrame;
import dev.vigil.ingest.FrameEncoder;
import dev.vigil.ingest.FrameSampler;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.RedactedUrl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class FfmpegFileTest {

    @TempDir
    Path temp;

    @Test
    void vtestAtTwoFpsGives159FramesOverItsWholeLength() throws Exception {
        Path file = VtestFile.locate(temp);
        Instant epoch = Instant.parse("2025-05-01T08:00:00Z");
        FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(1))
                .withFilePlayback(Pacing.AS_FAST_AS_CONSUMED, epoch);
        FfmpegSource source = new FfmpegSource("vtest", new RedactedUrl(file.toUri().toString()), options,
                Clock.systemUTC());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CameraMeters meters = new IngestMetrics(registry).bind(source);
        List<CapturedFrame> frames = new ArrayList<>();
        try (source; FrameEncoder encoder = FrameEncoder.standard()) {
            new CaptureLoop(source, new FrameSampler(2), encoder, meters, Clock.systemUTC(), 1 << 20).run(frames::add);
        }
        assertThat(source.state().phase()).isEqualTo(CameraState.Phase.ENDED);
        assertThat(frames).hasSizeBetween(158, 160);
        assertThat(frames.get(0).eventTime()).isEqualTo(epoch);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).eventTime()).isAfter(frames.get(i - 1).eventTime());
            assertThat(frames.get(i).sequence()).isEqualTo(i);
        }
        // 795 frames at 10 fps = 79.5 s of video; the last kept frame is on the 79.0 s tick.
        Duration span = Duration.between(frames.get(0).eventTime(), frames.get(frames.size() - 1).eventTime());
        assertThat(span).isBetween(Duration.ofMillis(78_500), Duration.ofMillis(79_500));
        CapturedFrame f = frames.get(0);
        assertThat(f.width()).isEqualTo(448);
        assertThat(f.height()).isEqualTo(336); // 768x576 keeps its 4:3 aspect
        assertThat(f.jpeg().length).isLessThan(1 << 20);
        assertThat(f.jpeg()[0] & 0xff).isEqualTo(0xFF);
        assertThat(f.jpeg()[1] & 0xff).isEqualTo(0xD8);
        assertThat(f.thumbnail().length).isLessThan(f.jpeg().length);
        assertThat(registry.get("vigil.ingest.frames.in").counter().count()).isEqualTo(795);
        assertThat(registry.get("vigil.ingest.frames.out").counter().count()).isEqualTo(frames.size());
    }

    @Test
    void aFastFileWithoutEpochLiesWhollyInThePastAndReportsItsProgress() throws Exception {
        Path file = VtestFile.locate(temp);
        FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(1))
                .withFilePlayback(Pacing.AS_FAST_AS_CONSUMED, null);
        FfmpegSource source = new FfmpegSource("vtest-fast", new RedactedUrl(file.toUri().toString()), options,
                Clock.systemUTC());
        CameraMeters meters = new IngestMetrics(new SimpleMeterRegistry()).bind(source);
        List<CapturedFrame> frames = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        assertThat(source.pacedByReader()).as("a file played as fast as read waits for Kafka").isTrue();
        try (source; FrameEncoder encoder = FrameEncoder.standard()) {
            new CaptureLoop(source, new FrameSampler(2), encoder, meters, Clock.systemUTC(), 1 << 20).run(frame -> {
                frames.add(frame);
                progress.add(source.progress().orElse(Double.NaN));
                return true;
            });
        }
        Instant now = Instant.now();
        // Kafka refuses timestamps from the future: the whole 79.5 s lies before the moment the file ended.
        assertThat(frames.get(frames.size() - 1).eventTime()).isBefore(now);
        assertThat(Duration.between(frames.get(0).eventTime(), now)).isGreaterThan(Duration.ofSeconds(79));
        assertThat(progress).isSorted();
        assertThat(progress.get(0)).isLessThan(0.05);
        assertThat(progress.get(progress.size() - 1)).isGreaterThan(0.95);
    }

    @Test
    void realtimePacingPlaysAFileAtItsOwnRate() throws Exception {
        Path file = VtestFile.locate(temp);
        FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(1)).withFilePlayback(Pacing.REALTIME, null);
        try (FfmpegSource source = new FfmpegSource("vtest", new RedactedUrl(file.toString()), options,
                Clock.systemUTC())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 16; i++) { // 15 frame intervals at 10 fps = 1.5 s
                assertThat(source.read()).isPresent();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(seconds).isBetween(1.4, 3.0);
        }
    }
}
