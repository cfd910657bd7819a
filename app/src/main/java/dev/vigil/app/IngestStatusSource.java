package dev.vigil.app;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.vigil.api.cameras.CameraStatus;
import dev.vigil.api.cameras.CameraStatusSource;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.camera.CameraSnapshot;
import dev.vigil.ingest.camera.IngestNode;

/**
 * The API's view of cameras running in this process's ingest: the phase ({@code live}, {@code stalled},
 * {@code reconnecting}, ...), the measured frames-in rate, the event time of the newest frame and how far it lies
 * behind the wall clock. A live camera is {@code lagging} when its newest frame is older than
 * {@link #lagBound} allows; a problem is reported only while there is one (a camera back to live with fresh
 * frames shows none, whatever failed before).
 */
public final class IngestStatusSource implements CameraStatusSource {

    /** The least lag that counts as lagging, whatever the rate. */
    static final Duration MIN_LAG_BOUND = Duration.ofSeconds(5);

    private final IngestNode ingest;

    public IngestStatusSource(IngestNode ingest) {
        this.ingest = ingest;
    }

    @Override
    public Optional<CameraStatus> status(String cameraId) {
        return ingest.camera(cameraId).map(IngestStatusSource::status);
    }

    static CameraStatus status(CameraSnapshot s) {
        CameraState state = s.state();
        long lastFrame = s.lastFrameTime() == null ? 0 : s.lastFrameTime().toEpochMilli();
        long lag = s.lag().map(Duration::toMillis).orElse(0L);
        if (!s.enabled()) {
            return new CameraStatus("disabled", 0, lag, lastFrame, null);
        }
        String phase = state.phase().name().toLowerCase(Locale.ROOT);
        String problem;
        if (state.phase() == CameraState.Phase.LIVE) {
            Duration bound = lagBound(s.fps());
            if (s.lag().isPresent() && s.lag().get().compareTo(bound) > 0) {
                phase = "lagging";
                problem = "the newest frame is " + lag / 1000 + " s old (more than " + bound.toSeconds() + " s)";
            } else {
                problem = state.frozen() ? "the picture has not changed for minutes (frozen camera?)" : null;
            }
        } else {
            problem = state.lastError();
        }
        return new CameraStatus(phase, s.running() ? s.fpsIn() : 0, lag, lastFrame, problem);
    }

    /** Three sampling intervals, at least {@link #MIN_LAG_BOUND}: a slow camera's newest frame is naturally older. */
    static Duration lagBound(double fps) {
        Duration three = fps > 0 ? Duration.ofMillis((long) (3000 / fps)) : MIN_LAG_BOUND;
        return three.compareTo(MIN_LAG_BOUND) > 0 ? three : MIN_LAG_BOUND;
    }
}
