package dev.vigil.training.synthcam;

import dev.vigil.ingest.SourceFrame;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.ingest.synthcam.SynthcamSource;
import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.models.image.RgbFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a finite synthcam scene frame by frame as RGB frames, each with the ground-truth events that happened on
 * it: the bridge between the synthetic camera (ingest) and the models, for training and benchmarks.
 *
 * <p>The spec must have an explicit epoch in the past and {@code pace=fast}, so frames come at render speed and
 * never wait for the clock.
 */
public final class SynthcamReel implements AutoCloseable {

    /** One rendered frame. */
    public record ReelFrame(long index, Instant time, RgbFrame frame, List<GroundTruthEvent> events) {
    }

    private final SynthcamSource source;
    private final List<GroundTruthEvent> pending = new ArrayList<>();
    private final Mat bgr = new Mat();
    private final int width;
    private final int height;
    private long index;

    public SynthcamReel(SynthcamSpec spec) {
        if (spec.realtime()) {
            throw new IllegalArgumentException("a reel needs pace=fast: " + spec);
        }
        this.width = spec.width();
        this.height = spec.height();
        this.source = new SynthcamSource("reel-" + spec.seed(), spec, pending::add, Clock.systemUTC());
    }

    /** The next frame, or empty at the end of the scene. */
    public Optional<ReelFrame> next() {
        pending.clear();
        Optional<SourceFrame> frame = source.read();
        if (frame.isEmpty()) {
            return Optional.empty();
        }
        frame.get().picture().scaleInto(bgr, width, height);
        byte[] rgb = new byte[width * height * 3];
        bgr.data().get(rgb);
        for (int i = 0; i < rgb.length; i += 3) { // OpenCV's BGR to RGB
            byte b = rgb[i];
            rgb[i] = rgb[i + 2];
            rgb[i + 2] = b;
        }
        return Optional.of(new ReelFrame(index++, frame.get().eventTime(), new RgbFrame(width, height, rgb),
                List.copyOf(pending)));
    }

    @Override
    public void close() {
        source.close();
        bgr.close();
    }
}
