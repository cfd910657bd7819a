package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.ingest.CaptureLoop;
import dev.vigil.ingest.CapturedFrame;
import dev.vigil.ingest.FrameEncoder;
import dev.vigil.ingest.FrameSampler;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.RedactedUrl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * FFmpeg's own chatter reaches SLF4J at debug, not the console: an MJPEG camera makes swscale warn
 * "deprecated pixel format used" (the issue counted 1,777 such lines on stdout).
 */
class FfmpegLogTest {

    @TempDir
    Path temp;

    @Test
    void swscaleWarningsOfAnMjpegCameraAreDebugLinesOfTheNativeLogger() throws Exception {
        FfmpegLog.install(); // before the test file is written, so its encoder's warnings are routed too
        Path avi = temp.resolve("mjpeg.avi");
        TestMedia.mjpeg(avi, 320, 240, 20, 10);
        Logger nativeLog = (Logger) LoggerFactory.getLogger("dev.vigil.ingest.ffmpeg.native");
        Level before = nativeLog.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        nativeLog.addAppender(lines);
        nativeLog.setLevel(Level.DEBUG);
        try {
            FfmpegOptions options = FfmpegOptions.defaults(new SplittableRandom(1))
                    .withFilePlayback(Pacing.AS_FAST_AS_CONSUMED, Instant.parse("2025-01-01T00:00:00Z"));
            List<CapturedFrame> frames = new ArrayList<>();
            try (FfmpegSource source = new FfmpegSource("mjpeg", new RedactedUrl(avi.toString()), options,
                    Clock.systemUTC()); FrameEncoder encoder = FrameEncoder.standard()) {
                new CaptureLoop(source, new FrameSampler(10), encoder,
                        new IngestMetrics(new SimpleMeterRegistry()).bind(source), Clock.systemUTC(), 1 << 20)
                        .run(frames::add);
            }
            assertThat(frames).hasSizeGreaterThan(10);
        } finally {
            nativeLog.detachAppender(lines);
            nativeLog.setLevel(before);
        }
        assertThat(lines.list).as("swscale's warning, routed to SLF4J")
                .anyMatch(e -> e.getFormattedMessage().contains("deprecated pixel format"));
        assertThat(lines.list).filteredOn(e -> e.getFormattedMessage().contains("deprecated pixel format"))
                .allMatch(e -> e.getLevel() == Level.DEBUG);
    }
}
