package dev.vigil.bench.driver;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.clip.ClipInput;
import dev.vigil.models.clip.EncodedClip;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.runtime.DeviceSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Times the real {@link ClipEncoder} (vision tower → Mamba with carried state → merging) on a bundle of a
 * given shape with seeded random weights: speed depends on shapes, not values.
 *
 * <p>Each batch holds one 4-frame clip from each of {@code clips} cameras, and every call continues each
 * camera's state from the previous call, as the worker does in steady state. Frames are seeded noise at the
 * model's input size, so the preprocessing in the measured path only normalises (no resize) — the JPEG decode
 * and resize cost is measured separately by the JMH {@code JpegPreprocessBenchmark}.
 */
final class EncoderBench {
    /** Mamba state size of the benchmark bundles, as {@code ModelArch} in the JMH suites. */
    static final int MAMBA_STATE = 16;
    static final int MAMBA_LAYERS = 2;

    private final SeededBundleWriter.Shape shape;
    private final DeviceSpec device;
    private final int warmup;
    private final int iterations;

    EncoderBench(SeededBundleWriter.Shape shape, DeviceSpec device, int warmup, int iterations) {
        this.shape = shape;
        this.device = device;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /** Writes a bundle of {@code shape} with seeded random weights (speed does not depend on values) under {@code dir}. */
    static Path writeBundle(SeededBundleWriter.Shape shape, Path dir) {
        return new SeededBundleWriter(shape, 7).temporalLayers(MAMBA_LAYERS).dState(MAMBA_STATE).writeTo(dir);
    }

    /**
     * @param bundleDir a folder written by {@link #writeBundle} with this bench's shape
     * @param batches   clips per call, one run per value
     * @param perFrame  the counted FLOPs per frame
     * @param gemm      the device's GEMM rate, for the efficiency ratio
     */
    List<EncoderBatchResult> run(Path bundleDir, List<Integer> batches, double perFrame, GemmRate gemm) {
        List<EncoderBatchResult> results = new ArrayList<>();
        try (ModelBundle bundle = ModelBundle.load(bundleDir, device)) {
            int framesPerClip = bundle.tokenBudget().clipFrames();
            for (int clips : batches) {
                int frames = clips * framesPerClip;
                try (ClipEncoder encoder = new ClipEncoder(bundle, frames)) {
                    results.add(measure(encoder, clips, framesPerClip, perFrame, gemm));
                }
            }
        }
        return results;
    }

    private EncoderBatchResult measure(ClipEncoder encoder, int clips, int framesPerClip, double perFrame,
                                       GemmRate gemm) {
        Random random = new Random(clips);
        List<List<RgbFrame>> clipFrames = new ArrayList<>();
        for (int c = 0; c < clips; c++) {
            List<RgbFrame> frames = new ArrayList<>();
            for (int f = 0; f < framesPerClip; f++) {
                byte[] rgb = new byte[shape.image() * shape.image() * 3];
                random.nextBytes(rgb);
                frames.add(new RgbFrame(shape.image(), shape.image(), rgb));
            }
            clipFrames.add(frames);
        }
        List<Optional<byte[]>> states = new ArrayList<>();
        for (int c = 0; c < clips; c++) {
            states.add(Optional.empty());
        }
        double[] seconds = new double[iterations];
        for (int i = 0; i < warmup + iterations; i++) {
            List<ClipInput> batch = new ArrayList<>();
            for (int c = 0; c < clips; c++) {
                batch.add(new ClipInput("bench-cam-" + c, clipFrames.get(c), states.get(c), 1));
            }
            long t0 = System.nanoTime();
            List<EncodedClip> out = encoder.encode(batch);
            double took = (System.nanoTime() - t0) / 1e9;
            for (int c = 0; c < clips; c++) {
                states.set(c, Optional.of(out.get(c).newState()));
            }
            if (i >= warmup) {
                seconds[i - warmup] = took;
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        int frames = clips * framesPerClip;
        double fps = frames / median;
        double achieved = fps * perFrame;
        return new EncoderBatchResult(clips, frames, Arrays.stream(seconds).boxed().toList(), median, fps,
                frames / sorted[0], achieved, achieved / gemm.flopsPerSecond());
    }
}
