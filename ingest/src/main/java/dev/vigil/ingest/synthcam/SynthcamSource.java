package dev.vigil.ingest.synthcam;

import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import dev.vigil.ingest.CameraSource;
import dev.vigil.ingest.CameraState.Phase;
import dev.vigil.ingest.CameraStateChannel;
import dev.vigil.ingest.SourceCounters;
import dev.vigil.ingest.SourceFrame;

/**
 * The built-in synthetic camera ({@code synthcam://<seed>?...}, see {@code docs/synthcam.md}): a fixed
 * scene with actors whose kind, colour and action are known exactly, so it is both the demo camera and
 * the ground truth for training and evaluation.
 *
 * <p>Deterministic for a spec: the same seed and options give byte-identical frames and the same
 * ground-truth events, because every choice comes from seeded generators, time is synthetic
 * ({@code epoch + frame / fps}) and drawing uses only integer raster operations and exact arithmetic.
 * With {@code pace=realtime} frames are delivered at their rate on the wall clock (their event times stay
 * synthetic); with {@code pace=fast} as fast as they are read.
 *
 * <p>Either way a frame is never handed out before its event time has come on the clock: Kafka rejects
 * records from the future, and downstream windows would wait for them. A fast scene that catches up with
 * the clock therefore continues in real time.
 */
public final class SynthcamSource implements CameraSource {

    private final String cameraId;
    private final SynthcamSpec spec;
    private final Consumer<GroundTruthEvent> groundTruth;
    private final Clock clock;
    private final CameraStateChannel state;
    private final SourceCounters counters = new SourceCounters();
    private final Backdrop backdrop;
    private final Director director;
    private final Canvas canvas;
    private final Sensor sensor;
    private final SynthPicture picture;
    private final long lastFrame;
    private final Object wake = new Object();
    private volatile boolean closed;
    private boolean released;
    private volatile long frame;
    private long startNanos;

    /**
     * @param groundTruth receives each event on the frame it happens, before that frame is returned
     */
    @Override
    public java.util.OptionalDouble progress() {
        return lastFrame == Long.MAX_VALUE ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(Math.min(1.0, frame / (double) lastFrame));
    }

    @Override
    public boolean pacedByReader() {
        return !spec.realtime();
    }

    public SynthcamSource(String cameraId, SynthcamSpec spec, Consumer<GroundTruthEvent> groundTruth, Clock clock) {
        this.cameraId = cameraId;
        this.spec = spec;
        this.groundTruth = groundTruth;
        this.clock = clock;
        this.state = new CameraStateChannel(cameraId, clock);
        this.backdrop = new Backdrop(spec.scene(), spec.width(), spec.height(), new SplittableRandom(spec.seed()));
        this.director = new Director(spec, backdrop);
        this.canvas = new Canvas(spec.width(), spec.height());
        this.sensor = new Sensor(spec.width(), spec.height(), spec.fps(), spec.seed());
        this.picture = new SynthPicture(spec.width(), spec.height());
        this.lastFrame = spec.duration() == null ? Long.MAX_VALUE : spec.frameAt(spec.duration());
    }

    @Override
    public String cameraId() {
        return cameraId;
    }

    @Override
    public String describe() {
        return "synthcam://" + spec.seed() + " (" + spec.scene().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + spec.width() + "x" + spec.height() + " @ " + spec.fps() + " fps)";
    }

    @Override
    public CameraStateChannel stateChannel() {
        return state;
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    /** The spec this camera runs. */
    public SynthcamSpec spec() {
        return spec;
    }

    @Override
    public synchronized Optional<SourceFrame> read() {
        if (closed || frame >= lastFrame) {
            finish();
            return Optional.empty();
        }
        if (spec.realtime()) {
            pace();
        }
        notBeforeItsTime(spec.timeOf(frame));
        if (closed) {
            finish();
            return Optional.empty();
        }
        render(frame);
        state.moveTo(Phase.LIVE, null);
        counters.frameDecoded();
        long micros = Math.round(frame * 1e6 / spec.fps());
        SourceFrame out = new SourceFrame(spec.timeOf(frame), micros, picture);
        frame++;
        return Optional.of(out);
    }

    /** Renders frame {@code index} into the picture and reports its events; frames must come in order. */
    private void render(long index) {
        for (GroundTruthEvent e : director.step(index)) {
            groundTruth.accept(e);
        }
        backdrop.paint(canvas, director.doorOpen());
        for (Actor a : director.onStage()) {
            ActorShapes.paint(canvas, a);
        }
        sensor.expose(canvas.pixels, picture.bgr, index);
        picture.refreshed();
    }

    private void pace() {
        if (frame == 0) {
            startNanos = System.nanoTime();
            return;
        }
        long due = startNanos + Math.round(frame * 1e9 / spec.fps());
        synchronized (wake) {
            long left;
            while (!closed && (left = due - System.nanoTime()) > 0) {
                try {
                    wake.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    /** Waits until the clock has reached {@code eventTime}, so no frame is ever from the future. */
    private void notBeforeItsTime(java.time.Instant eventTime) {
        synchronized (wake) {
            long leftNanos;
            // to the nanosecond: whole milliseconds would hand out a frame up to 1 ms before its time
            while (!closed && (leftNanos = java.time.Duration.between(clock.instant(), eventTime).toNanos()) > 0) {
                try {
                    wake.wait((leftNanos + 999_999) / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    private void finish() {
        if (!released) {
            released = true;
            picture.close();
            state.moveTo(Phase.ENDED, null);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        synchronized (this) {
            finish();
        }
    }
}
