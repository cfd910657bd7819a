package dev.vigil.ingest;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one camera: reads decoded frames from a {@link CameraSource}, keeps those the
 * {@link FrameSampler} wants, encodes them and hands {@link CapturedFrame}s, numbered per camera, to a
 * {@link FrameSink} (the Kafka producer). Runs on the caller's thread until the source ends, fails or is
 * closed. Problems with a single frame are counted and logged, never thrown; only the sink's own exceptions
 * escape, because what to do about an unavailable sink is the producer's decision.
 *
 * <p>Sequence numbers come from a counter the caller may share across runs of the same camera (a restart
 * after a config change continues the numbering). A frame the sink refuses keeps its number, so a consumer
 * sees the loss as a gap.
 */
public final class CaptureLoop {

    private static final Logger log = LoggerFactory.getLogger(CaptureLoop.class);

    private final CameraSource source;
    private final FrameSampler sampler;
    private final FrameEncoder encoder;
    private final CameraMeters meters;
    private final Clock clock;
    private final int maxJpegBytes;
    private final AtomicLong sequence;

    /**
     * A loop numbering its frames from 0.
     *
     * @param maxJpegBytes frames whose JPEG is larger are dropped and counted ({@code oversize})
     */
    public CaptureLoop(CameraSource source, FrameSampler sampler, FrameEncoder encoder, CameraMeters meters,
                       Clock clock, int maxJpegBytes) {
        this(source, sampler, encoder, meters, clock, maxJpegBytes, new AtomicLong());
    }

    /**
     * A loop taking its sequence numbers from {@code sequence} (the next number to use).
     *
     * @param maxJpegBytes frames whose JPEG is larger are dropped and counted ({@code oversize})
     */
    public CaptureLoop(CameraSource source, FrameSampler sampler, FrameEncoder encoder, CameraMeters meters,
                       Clock clock, int maxJpegBytes, AtomicLong sequence) {
        this.source = source;
        this.sampler = sampler;
        this.encoder = encoder;
        this.meters = meters;
        this.clock = clock;
        this.maxJpegBytes = maxJpegBytes;
        this.sequence = sequence;
    }

    /** Runs until the source has no more frames; returns how many frames {@code sink} took. */
    public long run(FrameSink sink) {
        long emitted = 0;
        Optional<SourceFrame> next;
        while ((next = source.read()).isPresent()) {
            SourceFrame frame = next.get();
            meters.frameIn();
            if (!sampler.keep(frame.eventTime())) {
                continue;
            }
            EncodedImage image;
            try {
                image = encoder.encode(frame.picture());
            } catch (RuntimeException e) {
                meters.frameDropped("encode_error");
                log.warn("camera {}: frame at {} could not be encoded: {}", source.cameraId(), frame.eventTime(),
                        e.toString());
                continue;
            }
            CapturedFrame captured = new CapturedFrame(source.cameraId(), sequence.getAndIncrement(),
                    frame.eventTime(), clock.instant(), image.width(), image.height(), image.jpeg(), image.thumbnail());
            if (image.jpeg().length > maxJpegBytes) {
                meters.frameDropped("oversize");
                log.warn("camera {}: frame at {} is {} bytes, over the {} limit", source.cameraId(),
                        frame.eventTime(), image.jpeg().length, maxJpegBytes);
                sink.dropped(captured, "frame #" + captured.sequence() + " of camera " + source.cameraId() + " at "
                        + frame.eventTime() + " is a " + image.width() + "x" + image.height() + " JPEG of "
                        + image.jpeg().length + " bytes, over the " + maxJpegBytes + "-byte frame limit: lower"
                        + " resizeLongest or jpegQuality");
                continue; // its number stays unused, so consumers see the loss as a gap
            }
            boolean taken = sink.offer(captured);
            if (taken) {
                meters.frameOut(frame.eventTime());
                emitted++;
            }
        }
        log.info("camera {} capture ended: {}", source.cameraId(), source.state());
        return emitted;
    }
}
