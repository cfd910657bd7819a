package dev.vigil.ingest;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The per-camera meters a capture loop and its producer update; made by {@link IngestMetrics}. The meters
 * live in the registry under the camera's tag, so several instances for the same camera (a restarted
 * source) count into the same meters.
 */
public final class CameraMeters {

    private final MeterRegistry registry;
    private final String cameraId;
    private final Counter in;
    private final Counter out;
    private final Counter produced;
    private final Counter sendErrors;
    private final Timer produceLatency;
    private final FrameFlow flow;

    CameraMeters(MeterRegistry registry, String cameraId, FrameFlow flow) {
        this.registry = registry;
        this.cameraId = cameraId;
        this.flow = flow;
        this.in = Counter.builder("vigil.ingest.frames.in").description("decoded frames read from the camera")
                .tag("camera", cameraId).register(registry);
        this.out = Counter.builder("vigil.ingest.frames.out").description("sampled frames handed to the producer")
                .tag("camera", cameraId).register(registry);
        this.produced = Counter.builder("vigil.ingest.frames.produced")
                .description("frames acknowledged by Kafka").tag("camera", cameraId).register(registry);
        this.sendErrors = Counter.builder("vigil.ingest.send.errors")
                .description("frames Kafka did not acknowledge").tag("camera", cameraId).register(registry);
        this.produceLatency = Timer.builder("vigil.ingest.produce.latency")
                .description("from send to acknowledgement").tag("camera", cameraId).register(registry);
        Gauge.builder("vigil.ingest.frames.in.rate", flow, FrameFlow::framesInPerSecond)
                .description("decoded frames per second read from the camera, measured over the last 10 s")
                .tag("camera", cameraId).strongReference(true).register(registry);
        Gauge.builder("vigil.ingest.frame.age", flow, f -> f.newestFrameAge().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
                .description("wall clock minus the event time of the newest frame handed to the producer")
                .baseUnit("seconds").tag("camera", cameraId).strongReference(true).register(registry);
    }

    /** The camera's measured rate and newest frame. */
    public FrameFlow flow() {
        return flow;
    }

    /** The camera these meters count for. */
    public String cameraId() {
        return cameraId;
    }

    /** A decoded frame came in. */
    public void frameIn() {
        in.increment();
        flow.frameIn();
    }

    /** A captured frame with event time {@code eventTime} went out to the sink. */
    public void frameOut(java.time.Instant eventTime) {
        out.increment();
        flow.frameOut(eventTime);
    }

    /**
     * A frame that the sampler kept could not be emitted ({@code reason}: {@code encode_error},
     * {@code oversize}, {@code backpressure}, {@code send_error}); frames the sampler skips on purpose are
     * not drops.
     */
    public void frameDropped(String reason) {
        Counter.builder("vigil.ingest.frames.dropped").description("kept frames that could not be emitted")
                .tag("camera", cameraId).tag("reason", reason).register(registry).increment();
    }

    /** Kafka acknowledged a frame {@code latency} after it was sent. */
    public void frameProduced(Duration latency) {
        produced.increment();
        produceLatency.record(latency);
    }

    /** Kafka failed to take a frame (also counted as dropped, reason {@code send_error}). */
    public void sendFailed() {
        sendErrors.increment();
        frameDropped("send_error");
    }

    /** Shows {@code bytes} as the camera's {@code vigil.ingest.inflight.bytes} gauge (sent, not yet acknowledged). */
    public void inFlightBytes(LongSupplier bytes) {
        Gauge.builder("vigil.ingest.inflight.bytes", bytes, LongSupplier::getAsLong).baseUnit("bytes")
                .description("bytes of frames sent to Kafka and not yet acknowledged")
                .tag("camera", cameraId).strongReference(true).register(registry);
    }

    /** Frames decoded so far. */
    public long framesIn() {
        return (long) in.count();
    }

    /** Frames handed to the sink so far. */
    public long framesOut() {
        return (long) out.count();
    }

    /** Frames acknowledged by Kafka so far. */
    public long framesProduced() {
        return (long) produced.count();
    }

    /** Kept frames dropped so far, for any reason. */
    public long framesDropped() {
        return (long) registry.find("vigil.ingest.frames.dropped").tag("camera", cameraId).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Kept frames dropped so far for {@code reason}. */
    public long framesDropped(String reason) {
        Counter c = registry.find("vigil.ingest.frames.dropped").tag("camera", cameraId).tag("reason", reason)
                .counter();
        return c == null ? 0 : (long) c.count();
    }
}
