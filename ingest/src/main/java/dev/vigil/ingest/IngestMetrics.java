package dev.vigil.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Ingest meters on a registry the application passes in. Per camera (tag {@code camera}):
 * {@code vigil.ingest.frames.in|out|dropped}, {@code vigil.ingest.reconnects},
 * {@code vigil.ingest.decode.errors}, {@code vigil.ingest.frames.discarded} (non-advancing timestamps),
 * {@code vigil.ingest.camera.state} (1 for the current phase, 0 for the others, tag {@code phase}) and
 * {@code vigil.ingest.camera.frozen} (1 while frozen).
 */
public final class IngestMetrics {

    private final MeterRegistry registry;

    /** Registers meters on {@code registry}. */
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds the source's own counters and state, and returns the counters a capture loop updates. */
    public CameraMeters bind(CameraSource source) {
        String id = source.cameraId();
        SourceCounters c = source.counters();
        FunctionCounter.builder("vigil.ingest.reconnects", c, SourceCounters::reconnects)
                .tag("camera", id).register(registry);
        FunctionCounter.builder("vigil.ingest.decode.errors", c, SourceCounters::decodeErrors)
                .tag("camera", id).register(registry);
        FunctionCounter.builder("vigil.ingest.frames.discarded", c, SourceCounters::discardedFrames)
                .tag("camera", id).register(registry);
        CameraStateChannel states = source.stateChannel();
        for (CameraState.Phase phase : CameraState.Phase.values()) {
            Gauge.builder("vigil.ingest.camera.state", states, s -> s.current().phase() == phase ? 1 : 0)
                    .tag("camera", id).tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                    .strongReference(true).register(registry);
        }
        Gauge.builder("vigil.ingest.camera.frozen", states, s -> s.current().frozen() ? 1 : 0)
                .tag("camera", id).strongReference(true).register(registry);
        return new CameraMeters(registry, id);
    }
}
