package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.cameras.CameraStatus;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.CameraState.Phase;
import dev.vigil.ingest.camera.CameraSnapshot;

/** What the API says about a camera follows what ingest measured, and a problem is shown only while there is one. */
class IngestStatusSourceTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private static CameraSnapshot snapshot(CameraState state, Instant newest, double fps) {
        return new CameraSnapshot("door", "rtsp://***@cam/1", Map.of(), fps, true, true, state, 100, 20, 20, 0, 1, 0,
                20, Double.NaN, 9.6, newest, 1, NOW);
    }

    @Test
    void aLiveCameraWithFreshFramesShowsTheMeasuredRateAndNoOldProblem() {
        CameraState live = new CameraState(Phase.LIVE, "no frame for 5000 ms", false, NOW);
        CameraStatus s = IngestStatusSource.status(snapshot(live, NOW.minusMillis(400), 2));
        assertThat(s.state()).isEqualTo("live");
        assertThat(s.fpsIn()).isEqualTo(9.6);
        assertThat(s.lagMillis()).isEqualTo(400);
        assertThat(s.lastFrameTime()).isEqualTo(NOW.minusMillis(400).toEpochMilli());
        assertThat(s.problem()).as("the stall it recovered from is history").isNull();
    }

    @Test
    void aLiveCameraWhoseNewestFrameIsOldIsLagging() {
        CameraState live = new CameraState(Phase.LIVE, null, false, NOW);
        CameraStatus s = IngestStatusSource.status(snapshot(live, NOW.minusSeconds(8), 2));
        assertThat(s.state()).isEqualTo("lagging");
        assertThat(s.problem()).contains("8 s old");
        // a camera sampled every 10 s is not lagging at 8 s: three intervals, 30 s
        assertThat(IngestStatusSource.status(snapshot(live, NOW.minusSeconds(8), 0.1)).state()).isEqualTo("live");
        assertThat(IngestStatusSource.lagBound(2)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void healthIsDegradedWithCountsWhileCamerasAreNotWellAndNamesNone() {
        CameraState live = new CameraState(Phase.LIVE, null, false, NOW);
        CameraState stalled = new CameraState(Phase.STALLED, "no frame for 5000 ms", false, NOW);
        CameraState connecting = CameraState.connecting(NOW);
        IngestHealth health = new IngestHealth(() -> java.util.List.of(snapshot(live, NOW.minusMillis(300), 2),
                snapshot(stalled, NOW.minusSeconds(6), 2), snapshot(live, NOW.minusSeconds(9), 2),
                snapshot(connecting, null, 2)));
        assertThat(health.critical()).isFalse();
        assertThat(health.problem()).isEqualTo("1 lagging, 1 stalled of 4 cameras (see /v1/cameras)")
                .doesNotContain("door");
        assertThat(new IngestHealth(() -> java.util.List.of(snapshot(live, NOW.minusMillis(300), 2))).problem())
                .isNull();
    }

    @Test
    void aStalledCameraSaysWhy() {
        CameraState stalled = new CameraState(Phase.STALLED, "no frame for 5000 ms", false, NOW);
        CameraStatus s = IngestStatusSource.status(snapshot(stalled, NOW.minusSeconds(6), 2));
        assertThat(s.state()).isEqualTo("stalled");
        assertThat(s.problem()).isEqualTo("no frame for 5000 ms");
        assertThat(s.lagMillis()).isEqualTo(6000);
    }
}
