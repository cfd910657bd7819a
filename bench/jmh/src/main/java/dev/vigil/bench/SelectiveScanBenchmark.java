package dev.vigil.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.mamba.ArraySelectiveScan;
import dev.vigil.models.mamba.ScanInputs;
import dev.vigil.models.mamba.ScanResult;
import dev.vigil.models.mamba.SelectiveScan;
import dev.vigil.models.mamba.TensorSelectiveScan;
import dev.vigil.models.mamba.VectorSelectiveScan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The three CPU implementations of the Mamba recurrence at several sizes: the measurement behind
 * {@code SelectiveScan.forDevice} (the fused SIMD loops whenever the Vector API is there) and behind
 * {@code CrossoverSelectiveScan.CPU_CROSSOVER}, the fallback without it (loops win while per-op overhead
 * dominates, tensors once a step has a few thousand elements). Average time per scan, in ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
public class SelectiveScanBenchmark {

    /**
     * {@code loops} ({@link ArraySelectiveScan}), {@code tensors} ({@link TensorSelectiveScan}) or {@code vectors}
     * ({@link VectorSelectiveScan}).
     */
    @Param({"loops", "tensors", "vectors"})
    public String impl;

    /**
     * batch × length × d_inner × d_state; 16x256x384x16 is a 16-clip batch of synthcam-tiny (4 frames × 64
     * patches, width 192), the last one 256-token frame at d_model 1152 (SigLIP-so400m).
     */
    @Param({"1x64x16x4", "4x256x64x16", "1x256x512x16", "4x256x512x16", "16x256x384x16", "1x256x2304x16"})
    public String size;

    private NDManager manager;
    private SelectiveScan scan;
    private ScanInputs inputs;

    /** Builds the model and inputs once per trial (seeded, so every run times the same numbers). */
    @Setup(Level.Trial)
    public void load() {
        scan = switch (impl) {
            case "loops" -> new ArraySelectiveScan();
            case "tensors" -> new TensorSelectiveScan();
            case "vectors" -> new VectorSelectiveScan();
            default -> throw new IllegalArgumentException("impl must be loops, tensors or vectors, got " + impl);
        };
        String[] parts = size.split("x");
        int batch = Integer.parseInt(parts[0]);
        int length = Integer.parseInt(parts[1]);
        int inner = Integer.parseInt(parts[2]);
        int n = Integer.parseInt(parts[3]);
        manager = NDManager.newBaseManager(Device.cpu());
        Random random = new Random(1);
        NDArray x = manager.create(gaussian(random, batch * length * inner), new Shape(batch, length, inner));
        NDArray delta = manager.create(gaussian(random, batch * length * inner), new Shape(batch, length, inner))
                .abs().mul(0.05f);
        NDArray a = manager.create(gaussian(random, inner * n), new Shape(inner, n)).abs().neg();
        NDArray b = manager.create(gaussian(random, batch * length * n), new Shape(batch, length, n));
        NDArray c = manager.create(gaussian(random, batch * length * n), new Shape(batch, length, n));
        inputs = new ScanInputs(x, delta, a, b, c, manager.ones(new Shape(inner)),
                manager.zeros(new Shape(batch, inner, n)));
    }

    /** Frees the native memory of the trial. */
    @TearDown(Level.Trial)
    public void close() {
        manager.close();
    }

    /** One op: see the class comment. */
    @Benchmark
    public void scan(Blackhole sink) {
        ScanResult result = scan.scan(inputs);
        sink.consume(result.last().getFloat(0, 0, 0));
        result.y().close();
        result.last().close();
    }

    private static float[] gaussian(Random random, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
