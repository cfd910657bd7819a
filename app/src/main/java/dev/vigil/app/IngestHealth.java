package dev.vigil.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.vigil.api.HealthCheck;
import dev.vigil.api.cameras.CameraStatus;
import dev.vigil.ingest.camera.CameraSnapshot;
import dev.vigil.ingest.camera.IngestNode;

/**
 * The {@code cameras-ingest} component of {@code /v1/health}: DEGRADED while any enabled camera of this
 * process's ingest is stalled, lagging, reconnecting or failed (not while it first connects), with how many are
 * in which state. Counts only: the health document is public and names no cameras.
 */
public final class IngestHealth implements HealthCheck {

    private final Supplier<List<CameraSnapshot>> cameras;

    /** @param cameras the current view of the cameras ({@link IngestNode#cameras()}) */
    public IngestHealth(Supplier<List<CameraSnapshot>> cameras) {
        this.cameras = cameras;
    }

    /** The health of {@code ingest}'s cameras. */
    public static IngestHealth of(IngestNode ingest) {
        return new IngestHealth(ingest::cameras);
    }

    @Override
    public String name() {
        return "cameras-ingest";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public String problem() {
        List<CameraSnapshot> enabled = cameras.get().stream().filter(CameraSnapshot::enabled).toList();
        Map<String, Integer> unwell = new TreeMap<>();
        for (CameraSnapshot c : enabled) {
            CameraStatus s = IngestStatusSource.status(c);
            if (!List.of("live", "ended", "connecting").contains(s.state())) {
                unwell.merge(s.state().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        if (unwell.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        unwell.forEach((state, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(state));
        return b + " of " + enabled.size() + " cameras (see /v1/cameras)";
    }
}
