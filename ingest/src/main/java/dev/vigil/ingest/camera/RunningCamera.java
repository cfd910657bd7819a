package dev.vigil.ingest.camera;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.ingest.CameraMeters;
import dev.vigil.ingest.CameraSource;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.CaptureLoop;
import dev.vigil.ingest.FrameEncoder;
import dev.vigil.ingest.FrameSampler;
import dev.vigil.ingest.FrameSink;
import dev.vigil.ingest.RedactedUrl;

/**
 * One camera capturing on a thread of its own ({@code vigil-camera-<id>}): source → sampler → encoder →
 * sink. Whatever goes wrong on that thread stays there: it is logged, the camera's state says FAILED, and
 * no other camera notices.
 */
final class RunningCamera {

    private static final Logger log = LoggerFactory.getLogger(RunningCamera.class);
    private static final int THUMBNAIL_LONGEST = 160;

    private final CameraSettings settings;
    private final CameraSource source;
    private final Thread thread;

    /**
     * Starts capturing at once.
     *
     * @param sequence the camera's sequence counter, shared with earlier and later runs of the same camera
     * @param maxJpegBytes larger JPEGs are dropped before they reach the sink
     */
    RunningCamera(CameraSettings settings, CameraSource source, FrameSink sink, CameraMeters meters,
                  AtomicLong sequence, int maxJpegBytes, Clock clock) {
        this.settings = settings;
        this.source = source;
        this.thread = new Thread(() -> capture(sink, meters, sequence, maxJpegBytes, clock),
                "vigil-camera-" + settings.id());
        thread.setDaemon(false);
        thread.start();
    }

    private void capture(FrameSink sink, CameraMeters meters, AtomicLong sequence, int maxJpegBytes, Clock clock) {
        try (FrameEncoder encoder = new FrameEncoder(settings.resizeLongest(), THUMBNAIL_LONGEST, settings.jpegQuality())) {
            new CaptureLoop(source, new FrameSampler(settings.fps()), encoder, meters, clock, maxJpegBytes, sequence)
                    .run(sink);
        } catch (RuntimeException | Error e) {
            log.error("camera {}: capture stopped by an unexpected error", settings.id(), e);
            source.stateChannel().moveTo(CameraState.Phase.FAILED, RedactedUrl.redact(e.toString()));
        } finally {
            source.close();
        }
    }

    /** The settings it runs with. */
    CameraSettings settings() {
        return settings;
    }

    /** Its source (state and counters). */
    CameraSource source() {
        return source;
    }

    /** True while the capture thread runs. */
    boolean isRunning() {
        return thread.isAlive();
    }

    /** Asks the source to stop; returns at once. */
    void requestStop() {
        source.close();
    }

    /** Waits up to {@code timeout} for the capture thread to end; true if it did. */
    boolean awaitStop(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // A read blocked in FFmpeg returns within ~100 ms of close() (its interrupt callback is cancelled);
            // what is left is a slow sink or a source that is not FFmpeg.
            log.warn("camera {}: capture thread still running after {} ms; it ends when its read returns",
                    settings.id(), timeout.toMillis());
            return false;
        }
        return true;
    }
}
