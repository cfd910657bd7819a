package dev.vigil.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Set;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Ingest meters on a registry the application passes in. Per camera (tag {@code camera}):
 * {@code vigil.ingest.frames.in|out|produced|dropped} (dropped with tag {@code reason}),
 * {@code vigil.ingest.send.errors}, {@code vigil.ingest.produce.latency} (timer, send to acknowledgement),
 * {@code vigil.ingest.inflight.bytes}, the measured {@code vigil.ingest.frames.in.rate} (frames/s over the last
 * 10 s) and {@code vigil.ingest.frame.age} (seconds since the newest frame's event time), and, bound to the current
 * source, {@code vigil.ingest.reconnects}, {@code vigil.ingest.stalls} (frame watchdog),
 * {@code vigil.ingest.decode.errors}, {@code vigil.ingest.frames.discarded} (non-advancing timestamps),
 * {@code vigil.ingest.camera.state} (1 for the current phase, 0 for the others, tag {@code phase}) and
 * {@code vigil.ingest.camera.frozen} (1 while frozen).
 */
public final class IngestMetrics {

    /** Meters that read objects of one run of a camera (its source, its in-flight budget); replaced on restart. */
    private static final Set<String> SOURCE_BOUND = Set.of("vigil.ingest.reconnects", "vigil.ingest.decode.errors",
            "vigil.ingest.frames.discarded", "vigil.ingest.stalls", "vigil.ingest.camera.state", "vigil.ingest.camera.frozen",
            "vigil.ingest.inflight.bytes");

    private final MeterRegistry registry;
    private final Clock clock;
    /** Measured flow per camera, shared by all meters of the camera (restarts keep measuring). */
    private final Map<String, FrameFlow> flows = new ConcurrentHashMap<>();

    /** Registers meters on {@code registry}, measuring rates and ages on the system clock. */
    public IngestMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /** Registers meters on {@code registry}, measuring rates and ages on {@code clock}. */
    public IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The registry the meters live on. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The counters of camera {@code cameraId}, without binding a source. */
    public CameraMeters camera(String cameraId) {
        return new CameraMeters(registry, cameraId, flows.computeIfAbsent(cameraId, id -> new FrameFlow(clock)));
    }

    /**
     * Binds the source's own counters and state, and returns the counters a capture loop updates. A camera
     * whose source is replaced must be {@link #unbind unbound} first: Micrometer would otherwise keep
     * answering from the old source.
     */
    public CameraMeters bind(CameraSource source) {
        String id = source.cameraId();
        SourceCounters c = source.counters();
        // Function counters hold the counters weakly; the running camera holds its source, and unbind removes
        // the meters when the source goes, so they never read a collected or stale source.
        FunctionCounter.builder("vigil.ingest.reconnects", c, SourceCounters::reconnects)
                .description("attempts to open the camera's stream again after it was lost")
                .tag("camera", id).register(registry);
        FunctionCounter.builder("vigil.ingest.stalls", c, SourceCounters::stalls)
                .description("times the frame watchdog found a connected stream without frames and reopened it")
                .tag("camera", id).register(registry);
        FunctionCounter.builder("vigil.ingest.decode.errors", c, SourceCounters::decodeErrors)
                .description("undecodable frames or packets, counted and skipped")
                .tag("camera", id).register(registry);
        FunctionCounter.builder("vigil.ingest.frames.discarded", c, SourceCounters::discardedFrames)
                .description("decoded pictures dropped because their timestamp did not advance (repeats, stale pictures)")
                .tag("camera", id).register(registry);
        CameraStateChannel states = source.stateChannel();
        for (CameraState.Phase phase : CameraState.Phase.values()) {
            Gauge.builder("vigil.ingest.camera.state", states, s -> s.current().phase() == phase ? 1 : 0)
                    .description("1 for the camera's current phase, 0 for the others")
                    .tag("camera", id).tag("phase", phase.name().toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
        Gauge.builder("vigil.ingest.camera.frozen", states, s -> s.current().frozen() ? 1 : 0)
                .description("1 while the camera's picture has not changed for the freeze threshold")
                .tag("camera", id).strongReference(true).register(registry);
        return camera(id);
    }

    /** Removes the meters bound to the camera's current source (before a new source is bound). */
    public void unbind(String cameraId) {
        remove(cameraId, true);
    }

    /** Removes every meter of a camera that is gone (deleted, or moved to another ingest instance). */
    public void forget(String cameraId) {
        remove(cameraId, false);
    }

    private void remove(String cameraId, boolean sourceBoundOnly) {
        List<Meter> meters = registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("vigil.ingest."))
                .filter(m -> cameraId.equals(m.getId().getTag("camera")))
                .filter(m -> !sourceBoundOnly || SOURCE_BOUND.contains(m.getId().getName()))
                .toList();
        meters.forEach(registry::remove);
        if (!sourceBoundOnly) {
            flows.remove(cameraId);
        }
    }
}
