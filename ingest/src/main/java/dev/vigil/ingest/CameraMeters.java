package dev.vigil.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The per-camera counters a capture loop updates; made by {@link IngestMetrics#bind}. */
public final class CameraMeters {

    private final MeterRegistry registry;
    private final String cameraId;
    private final Counter in;
    private final Counter out;

    CameraMeters(MeterRegistry registry, String cameraId) {
        this.registry = registry;
        this.cameraId = cameraId;
        this.in = Counter.builder("vigil.ingest.frames.in").description("decoded frames read from the camera")
                .tag("camera", cameraId).register(registry);
        this.out = Counter.builder("vigil.ingest.frames.out").description("sampled frames emitted")
                .tag("camera", cameraId).register(registry);
    }

    /** A decoded frame came in. */
    public void frameIn() {
        in.increment();
    }

    /** A captured frame went out. */
    public void frameOut() {
        out.increment();
    }

    /**
     * A frame that the sampler kept could not be emitted ({@code reason}: {@code encode_error},
     * {@code oversize}); frames the sampler skips on purpose are not drops.
     */
    public void frameDropped(String reason) {
        Counter.builder("vigil.ingest.frames.dropped").description("kept frames that could not be emitted")
                .tag("camera", cameraId).tag("reason", reason).register(registry).increment();
    }
}
