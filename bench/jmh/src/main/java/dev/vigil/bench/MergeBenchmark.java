package dev.vigil.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.merge.HeadChunkMeanMetric;
import dev.vigil.models.merge.TensorTokenMerging;
import dev.vigil.models.merge.TokenMerger;
import dev.vigil.models.merge.TokenSet;
import dev.vigil.tokens.MergeOrder;
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
 * Clip-level bipartite merging as the clip encoder runs it: {@code batch} 4-frame clips of patch tokens, each
 * merged to 16 tokens per frame (64) by target-driven halving, head-chunk-mean metric, stable order, size-weighted.
 * Primary score: batches/s; {@code frames} and {@code tokens} give frames/s and input tokens/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
public class MergeBenchmark {

    /** Model shape: {@code tiny} or {@code siglip-b16}. */
    @Param({"tiny", "siglip-b16"})
    public String arch;

    /** Clips per call. */
    @Param({"1", "8", "32"})
    public int batch;

    private NDManager manager;
    private TokenMerger merger;
    private NDArray tokens;
    private int target;
    private long tokensPerCall;

    /** Builds the model and inputs once per trial (seeded, so every run times the same numbers). */
    @Setup(Level.Trial)
    public void load() {
        ModelArch shape = ModelArch.named(arch);
        manager = NDManager.newBaseManager(Device.cpu());
        merger = new TokenMerger(new TensorTokenMerging(new HeadChunkMeanMetric(shape.width() / shape.heads()),
                false, false, MergeOrder.STABLE));
        int perClip = ModelArch.CLIP_FRAMES * shape.patchesPerFrame();
        tokens = manager.randomNormal(new Shape(batch, perClip, shape.width()));
        target = ModelArch.CLIP_FRAMES * ModelArch.TOKENS_PER_FRAME;
        tokensPerCall = (long) batch * perClip;
    }

    /** Frees the native memory of the trial. */
    @TearDown(Level.Trial)
    public void close() {
        manager.close();
    }

    /** One op: see the class comment. */
    @Benchmark
    public void mergeToBudget(ThroughputCounters counters, Blackhole sink) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray input = tokens.duplicate();
            input.attach(scratch);
            TokenSet merged = merger.reduceTo(input, target);
            sink.consume(merged.sizes().getFloat(0, 0));
        }
        counters.add((long) batch * ModelArch.CLIP_FRAMES, tokensPerCall);
    }
}
