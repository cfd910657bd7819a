package dev.vigil.app;

import dev.vigil.api.cameras.CameraStatus;
import dev.vigil.api.cameras.CameraStatusSource;
import dev.vigil.ingest.camera.IngestNode;

import java.util.Optional;

/** The API's view of cameras running in this process's ingest. */
public final class IngestStatusSource implements CameraStatusSource {
    private final IngestNode ingest;

    public IngestStatusSource(IngestNode ingest) {
        this.ingest = ingest;
    }

    @Override
    public Optional<CameraStatus> status(String cameraId) {
        return ingest.camera(cameraId).map(s -> {
            String phase = s.enabled() ? s.state().phase().name().toLowerCase(java.util.Locale.ROOT) : "disabled";
            String problem = s.state().lastError() != null ? s.state().lastError()
                    : s.state().frozen() ? "the picture has not changed for minutes (frozen camera?)" : null;
            // Ingest keeps counters, not frame timestamps: report the configured rate while live, and no lag or
            // last-frame time rather than a guess (the API adds the newest clip time from TokenMemory).
            double fps = s.running() && "live".equals(phase) ? s.fps() : 0;
            return new CameraStatus(phase, fps, 0, 0, problem);
        });
    }
}
