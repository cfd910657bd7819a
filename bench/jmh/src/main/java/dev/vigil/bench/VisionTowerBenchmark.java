package dev.vigil.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.siglip.FrameEncoding;
import dev.vigil.models.siglip.SiglipVisionTower;
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

import java.util.concurrent.TimeUnit;

/**
 * The SigLIP vision tower forward on CPU, fp32: {@code batch} preprocessed frames → patch tokens and pooled
 * embeddings. Primary score: forwards/s; the {@code frames} and {@code tokens} counters give frames/s and patch
 * tokens/s. Preprocessing (resize, normalise) is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
public class VisionTowerBenchmark {

    /** Model shape: {@code tiny} or {@code siglip-b16}. */
    @Param({"tiny", "siglip-b16"})
    public String arch;

    /** Frames per forward. */
    @Param({"1", "8", "32"})
    public int batch;

    private NDManager manager;
    private SiglipVisionTower tower;
    private NDArray pixels;
    private int patches;

    /** Builds the model and inputs once per trial (seeded, so every run times the same numbers). */
    @Setup(Level.Trial)
    public void load() {
        ModelArch shape = ModelArch.named(arch);
        manager = NDManager.newBaseManager(Device.cpu());
        tower = SiglipVisionTower.load(new SeededWeights(1), shape.vision(),
                new FramePreprocessor(ImagePreprocessing.siglipDefaults(shape.imageSize())), manager, Device.cpu(),
                DataType.FLOAT32);
        pixels = manager.randomUniform(-1f, 1f, new Shape(batch, 3, shape.imageSize(), shape.imageSize()));
        patches = shape.patchesPerFrame();
    }

    /** Frees the native memory of the trial. */
    @TearDown(Level.Trial)
    public void close() {
        tower.close();
        manager.close();
    }

    /** One op: see the class comment. */
    @Benchmark
    public void forward(ThroughputCounters counters, Blackhole sink) {
        try (NDManager out = manager.newSubManager()) {
            FrameEncoding encoding = tower.encodePixels(pixels, out);
            sink.consume(encoding.pooled().getFloat(0, 0));
        }
        counters.add(batch, (long) batch * patches);
    }
}
